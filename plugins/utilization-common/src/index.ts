/**
 * GPU utilization figures as the portal's APIs answer them.
 *
 * @packageDocumentation
 */
export type { GpuUtilization, UtilizationSource } from './types';
export { combineUtilization, roundUtilization } from './combine';
export {
  idleActPermission,
  idlePolicyInputSchema,
  idlePolicySetPermission,
  idleReadPermission,
  utilizationPermissions,
} from './idle';
export type {
  IdleEvent,
  IdleNotice,
  IdlePolicy,
  IdlePolicyInput,
} from './idle';
