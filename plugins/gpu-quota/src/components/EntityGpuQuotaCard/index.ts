export { EntityGpuQuotaCard } from './EntityGpuQuotaCard';
