export interface Config {
  gpuQuota?: {
    /**
     * How old the quota figures shown in the portal may be, in seconds (default 15). Within it,
     * every page view is answered from one cached read of the cluster.
     */
    cacheMaxAgeSeconds?: number;
    /** How often approved increases are checked for expiry, in seconds (default 300). */
    expiryCheckSeconds?: number;
  };
}
