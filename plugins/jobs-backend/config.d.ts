export interface Config {
  /** Training jobs (Argo Workflows in the team's namespace). */
  jobs?: {
    /** Service account job pods run as in the team's namespace (default `default`). */
    serviceAccountName?: string;
    /** GPU resource a job requests (default nvidia.com/gpu). */
    gpuResource?: string;
    /** MLflow tracking URI given to jobs; the first of mlflow.servers when absent. */
    mlflowTrackingUri?: string;
    /** Artifact store root, e.g. s3://ml-artifacts; a job writes under <root>/<team>/<job id>. */
    artifactRoot?: string;
    /**
     * The cluster's nodes are simulated (KWOK, as on the local cluster): a job may carry
     * `simulate` (runtime, exit code, failure), put on its pods as annotations that KWOK's stages
     * act on. Refused otherwise. Default false.
     */
    simulatedCluster?: boolean;
    /**
     * How often the portal's records of jobs (platform metrics) are brought up to date from the
     * cluster, in seconds (default 30). Submitting and cancelling record a job at once.
     */
    recordSeconds?: number;
  };
}
