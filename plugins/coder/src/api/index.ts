export * from './CoderApi';
export { CoderBackendClient } from './CoderBackendClient';
