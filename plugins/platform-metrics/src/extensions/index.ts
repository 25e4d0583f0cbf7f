export { platformMetricsApi } from './api';
export { platformMetricsPage } from './page';
