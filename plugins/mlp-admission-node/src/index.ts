/**
 * One admission path for GPUs: the quota fit check and the budget reservation.
 *
 * @packageDocumentation
 */
export { gpuMisfit, type GpuMisfit } from './gpuFit';
export {
  GpuAdmission,
  GpuMisfitError,
  type AdmissionOptions,
  type GpuAdmitted,
  type GpuAllocation,
  type MisfitWording,
} from './GpuAdmission';
