export { jobsApi } from './api';
export { jobsEntityCard, jobsEntityFilter } from './entityCard';
export { jobsPage } from './page';
