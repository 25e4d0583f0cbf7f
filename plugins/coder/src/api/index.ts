export * from './CoderApi';
export { CoderClient } from './CoderClient';
