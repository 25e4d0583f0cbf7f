// Labels and annotations a job's Workflow (and, through podMetadata, its pods) carries. The
// cost plugin reads the team, project, user and reservation labels of pods
// (plugins/cost-backend/src/services/PodLedgerSync.ts); the rest is how the portal reads a job back.
export {
  ARGO_WORKFLOW_LABEL,
  GPU_PRODUCT_LABEL,
  GPU_TAINT_KEY,
  JOB_LABEL,
  PROJECT_LABEL,
  RESERVATION_LABEL,
  SIMULATED_EXIT_CODE,
  SIMULATED_FAILURE,
  SIMULATED_GPU_UTIL,
  SIMULATED_RUNTIME,
  TEAM_LABEL,
  USER_LABEL,
} from '@internal/plugin-mlp-kube-node';
export const SUBMITTED_BY = 'mlplatform.dev/submitted-by';
export const SUBMISSION = 'mlplatform.dev/submission';
export const HOURLY_RATE = 'mlplatform.dev/gpu-hourly-rate';
/** The MLflow run made for the job (also MLFLOW_RUN_ID in its pods' environment). */
export const MLFLOW_RUN = 'mlplatform.dev/mlflow-run-id';
