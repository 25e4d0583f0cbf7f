export interface Config {
  cost?: {
    /** ISO 4217 currency of rates and budgets (default EUR). */
    currency?: string;
    /** Price of one GPU-hour per GPU resource, e.g. `{ resource: nvidia.com/gpu, hourlyRate: 2.5 }`. */
    gpuRates?: Array<{ resource: string; hourlyRate: number }>;
    /** Price of a GPU-hour of any GPU type not listed in gpuRates. */
    defaultGpuHourlyRate?: number;
    /**
     * Where figures come from: `ledger` (default; the portal watches pods and prices them with
     * gpuRates) or `opencost` (OpenCost's GPU cost per pod, read from cost.opencost.baseUrl).
     */
    source?: 'ledger' | 'opencost';
    opencost?: {
      /** OpenCost's API, e.g. http://opencost.opencost:9003. */
      baseUrl: string;
      /** How often figures are read (default 60 minutes). */
      syncMinutes?: number;
      /** Days read on the first pass (default 30). */
      backfillDays?: number;
      /** Days re-read on each later pass, today included (default 3). */
      lookbackDays?: number;
    };
    /** Price of one CPU core-hour of pods in team namespaces; CPU is not costed without it. */
    cpuCoreHourlyRate?: number;
    /** Price of one GiB-hour of memory of pods in team namespaces; not costed without it. */
    memoryGiBHourlyRate?: number;
    /** Watch pods and record each change as it happens (default true). */
    watchPods?: boolean;
    /** How often the whole ledger is checked against a list of all pods, in seconds (default 300). */
    syncSeconds?: number;
    /** How often days before today are rolled up for fast summaries, in minutes (default 60). */
    rollupMinutes?: number;
    /** Hours a reservation outlives its job's estimate before it expires (default 1). */
    reservationGraceHours?: number;
  };
}
