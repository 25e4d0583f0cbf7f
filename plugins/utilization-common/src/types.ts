/**
 * How busy some GPUs were over a time range, from dcgm-exporter's DCGM_FI_DEV_GPU_UTIL sampled
 * every `resolutionSeconds` (see UtilizationSource).
 */
export type GpuUtilization = {
  /** Mean utilization over the GPU-hours measured, in %. */
  averagePercent: number;
  /** The highest utilization of any of the GPUs, in %. */
  peakPercent: number;
  /** GPU-hours Prometheus has samples for. */
  measuredGpuHours: number;
  /** Of those, the GPU-hours under the idle threshold. */
  idleGpuHours: number;
  /** What the idle GPU-hours cost at their GPUs' hourly rate (in the cost plugin's currency). */
  idleCost?: number;
  /** The most GPU memory in use on one GPU, in MiB. */
  peakMemoryMiB?: number;
};

/** Where the utilization figures of an answer come from, or why there are none. */
export type UtilizationSource =
  | {
      state: 'measured';
      /** A GPU below this utilization counts as idle, in %. */
      idleBelowPercent: number;
      /** The sampling step, in seconds. */
      resolutionSeconds: number;
    }
  | { state: 'not-configured' }
  | { state: 'unavailable'; message: string };
