export interface Config {
  /** GPU utilization, read from the Prometheus that scrapes dcgm-exporter on the GPU nodes. */
  utilization?: {
    prometheus?: {
      /** Prometheus's HTTP API, e.g. http://prometheus.monitoring:9090 (without /api/v1). */
      baseUrl: string;
      /**
       * A bearer token, when Prometheus sits behind an authenticating proxy.
       * @visibility secret
       */
      token?: string;
      /** How long a query may take, in seconds (default 10). */
      timeoutSeconds?: number;
    };
    /** A GPU below this utilization (in %, from DCGM_FI_DEV_GPU_UTIL) counts as idle (default 10). */
    idleBelowPercent?: number;
    /**
     * The step, in seconds, at which utilization is sampled over a time range (default 60; the
     * local Prometheus scrapes every 5 s, so its config sets 5). Not below Prometheus's scrape
     * interval.
     */
    resolutionSeconds?: number;
    /** Idle reclaim (the utilization backend plugin). */
    reclaim?: {
      /** How often teams with an idle policy are looked at, in seconds (default 60). */
      intervalSeconds?: number;
    };
  };
}
