export interface Config {
  cost?: {
    /** ISO 4217 currency of rates and budgets (default EUR). */
    currency?: string;
    /** Price of one GPU-hour per GPU resource, e.g. `{ resource: nvidia.com/gpu, hourlyRate: 2.5 }`. */
    gpuRates?: Array<{ resource: string; hourlyRate: number }>;
    /** Price of a GPU-hour of any GPU type not listed in gpuRates. */
    defaultGpuHourlyRate?: number;
    /** Watch pods and record each change as it happens (default true). */
    watchPods?: boolean;
    /** How often the whole ledger is checked against a list of all pods, in seconds (default 300). */
    syncSeconds?: number;
    /** How often days before today are rolled up for fast summaries, in minutes (default 60). */
    rollupMinutes?: number;
    /** Told, with each team, when it crosses 50/80/100 % of its budget (default platform-team). */
    keepersGroup?: string;
    /** Hours a reservation outlives its job's estimate before it expires (default 1). */
    reservationGraceHours?: number;
  };
}
