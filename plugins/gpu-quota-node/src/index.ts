/**
 * The GPU quota plugin's team figures as a backend service.
 *
 * @packageDocumentation
 */
export {
  DefaultGpuQuotaReader,
  gpuQuotaReaderServiceRef,
  type GpuQuotaReader,
} from './GpuQuotaReader';
