export { cliAccessApi } from './api';
export { cliAccessPage } from './page';
