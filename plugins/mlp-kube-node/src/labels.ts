// The names the platform writes on Kubernetes objects and reads back, defined once. The cost
// plugin bills pods by the team, project, model, user and reservation labels that jobs,
// workspaces and templates put on them; KWOK's pod stages (services/kube/cluster/kwok-stages.yaml)
// read the simulated-* annotations on the local cluster.

/** The team a namespace or pod belongs to (its namespace has the same name). */
export const TEAM_LABEL = 'mlplatform.dev/team';
/** What a pod's GPUs were for, for the cost breakdowns. */
export const PROJECT_LABEL = 'mlplatform.dev/project';
export const MODEL_LABEL = 'mlplatform.dev/model';
export const USER_LABEL = 'mlplatform.dev/user';
/** The budget check reservation a job runs under; its estimate is released when the job ends. */
export const RESERVATION_LABEL = 'mlplatform.dev/cost-reservation';

/** On a simulated cluster: how long a pod runs, and how it ends. */
export const SIMULATED_RUNTIME = 'mlplatform.dev/simulated-runtime';
export const SIMULATED_EXIT_CODE = 'mlplatform.dev/simulated-exit-code';
export const SIMULATED_FAILURE = 'mlplatform.dev/simulated-failure';
/**
 * On a simulated cluster: the utilization, in %, that the local GPU metrics exporter
 * (services/gpu-metrics/exporter.mjs) reports for each of the pod's GPUs (70 without it).
 */
export const SIMULATED_GPU_UTIL = 'mlplatform.dev/simulated-gpu-util';

/** The GPU resource a quota, job or workspace means unless its settings say another. */
export const DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';
/** The taint GPU nodes carry (as the NVIDIA GPU operator's node pools do). */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';
/** The GPU model label the NVIDIA GPU operator puts on GPU nodes. */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

/** Marks the Argo Workflows the portal submitted as training jobs; only those are listed and stopped. */
export const JOB_LABEL = 'mlplatform.dev/training-job';
/** Argo's label on a workflow's pods: the Workflow's name (a training job's id). */
export const ARGO_WORKFLOW_LABEL = 'workflows.argoproj.io/workflow';
