// Labels and annotations a job's Workflow (and, through podMetadata, its pods) carries. The
// cost plugin reads the team, project, user and reservation labels of pods
// (plugins/cost-backend/src/services/PodLedgerSync.ts); the rest is how the portal reads a job back.
export const TEAM_LABEL = 'mlplatform.dev/team';
export const PROJECT_LABEL = 'mlplatform.dev/project';
export const USER_LABEL = 'mlplatform.dev/user';
export const RESERVATION_LABEL = 'mlplatform.dev/cost-reservation';
/** Marks Workflows the portal submitted; only those are listed and cancelled. */
export const JOB_LABEL = 'mlplatform.dev/training-job';
export const SUBMITTED_BY = 'mlplatform.dev/submitted-by';
export const SUBMISSION = 'mlplatform.dev/submission';
export const HOURLY_RATE = 'mlplatform.dev/gpu-hourly-rate';
/** Argo labels the pods of a workflow with its name. */
export const ARGO_WORKFLOW_LABEL = 'workflows.argoproj.io/workflow';
/** KWOK's pod stages (services/kube/cluster/kwok-stages.yaml) read these on a simulated cluster. */
export const SIMULATED_RUNTIME = 'mlplatform.dev/simulated-runtime';
export const SIMULATED_EXIT_CODE = 'mlplatform.dev/simulated-exit-code';
export const SIMULATED_FAILURE = 'mlplatform.dev/simulated-failure';
/** The taint GPU nodes carry (as the NVIDIA GPU operator's node pools do). */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';
/** The GPU model label the NVIDIA GPU operator puts on GPU nodes. */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';
