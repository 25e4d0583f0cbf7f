export interface Config {
  /** Model deployments (KServe InferenceServices in team namespaces). */
  deployments?: {
    /** The most replicas one deployment may ask for; a team group's mlplatform.dev/max-replicas annotation overrides it. Default 4. */
    maxReplicas?: number;
    /** The GPU resource replicas ask for. Default nvidia.com/gpu. */
    gpuResource?: string;
    /** CPU each replica asks for. Default 1. */
    cpu?: string;
    /** Memory each replica asks for. Default 2Gi. */
    memory?: string;
    /** KServe model format of MLflow models. Default mlflow. */
    modelFormat?: string;
    /** Name of the mlflow.servers entry whose registry is deployed from; the first by default. */
    mlflowServer?: string;
  };
}
