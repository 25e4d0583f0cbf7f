export { GpuQuotasPage } from './GpuQuotasPage';
