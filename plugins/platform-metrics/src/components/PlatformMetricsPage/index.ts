export { PlatformMetricsPage } from './PlatformMetricsPage';
