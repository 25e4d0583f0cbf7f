export { gpuQuotaApi } from './api';
export { gpuQuotaEntityCard, gpuQuotaEntityFilter } from './entityCard';
export { gpuQuotaPage } from './page';
