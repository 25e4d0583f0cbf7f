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
  };
}
