export { costApi } from './api';
export { costEntityCard, costEntityFilter } from './entityCard';
export { costPage } from './page';
