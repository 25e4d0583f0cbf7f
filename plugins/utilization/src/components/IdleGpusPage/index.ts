export { IdleGpusPage } from './IdleGpusPage';
