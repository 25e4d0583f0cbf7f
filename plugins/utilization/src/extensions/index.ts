export { utilizationApi } from './api';
export { idleGpusPage } from './page';
