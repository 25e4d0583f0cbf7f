/**
 * GPU utilization figures as the portal's APIs answer them.
 *
 * @packageDocumentation
 */
export type { GpuUtilization, UtilizationSource } from './types';
export { combineUtilization, roundUtilization } from './combine';
