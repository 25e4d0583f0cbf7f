import type { Environment } from './schemas';

/**
 * Where a deployment stands: waiting for a production approval or refused; serving (`live`);
 * replaced by a later deploy or a rollback; or failed to reach the cluster.
 */
export type DeploymentStatus =
  | 'pending-approval'
  | 'rejected'
  | 'live'
  | 'superseded'
  | 'failed';

/** One deploy of a model version to an environment, as the portal recorded it. */
export type Deployment = {
  id: string;
  model: string;
  environment: Environment;
  team: string;
  version: string;
  /** The alias the request named, when it named one (e.g. champion). */
  alias?: string;
  replicas: number;
  gpus: number;
  status: DeploymentStatus;
  requestedBy: string;
  requestedAt: string;
  /** Who approved or rejected it, and when (production); who deployed it otherwise. */
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  /** This deploy brought back the version of that deployment (a rollback). */
  rollbackOf?: string;
  namespace: string;
  inferenceService: string;
  /** The model files the endpoint serves, from the registry. */
  modelUri: string;
  /** The registry version's run, and the training job and dataset behind it, when known. */
  runId?: string;
  jobId?: string;
  dataset?: string;
  reservationId?: string;
};

export type AuditAction =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'deployed'
  | 'rolled-back'
  | 'superseded'
  | 'failed';

/** One line of a model's deployment audit trail. */
export type AuditEvent = {
  id: number;
  deploymentId: string;
  model: string;
  environment: Environment;
  version: string;
  action: AuditAction;
  actor: string;
  at: string;
  detail?: string;
};

/** What the cluster serves for one environment, read from the InferenceService and its pods. */
export type Endpoint = {
  environment: Environment;
  namespace: string;
  inferenceService: string;
  /** False when no InferenceService is there (never deployed, or not yet applied). */
  exists: boolean;
  ready: boolean;
  replicas: number;
  readyReplicas: number;
  url?: string;
  /** The registry version the InferenceService names. */
  versionServed?: string;
  /** Why it is not ready, from its conditions. */
  message?: string;
  pods: Array<{ name: string; phase: string; node?: string; ready: boolean }>;
};

/** GET /models/:model: the model's deployments (newest first) and its endpoints. */
export type ModelDeployments = {
  model: string;
  team?: string;
  deployments: Deployment[];
  endpoints: Endpoint[];
  /** The caller may approve this team's production deploys (keeper or team lead). */
  canApprove: boolean;
  /** The caller may deploy this model (a member of its team). */
  canDeploy: boolean;
  maxReplicas?: number;
};

/** Dataset → training job → MLflow run → model version → deployments, each with a link. */
export type Lineage = {
  model: string;
  version: string;
  versionStatus?: string;
  modelUri: string;
  versionUrl?: string;
  dataset?: { name: string; digest?: string; source?: string };
  run?: {
    id: string;
    name?: string;
    status?: string;
    experimentId: string;
    url?: string;
  };
  job?: {
    id: string;
    phase?: string;
    gpuHours?: number;
    cost?: number;
    currency?: string;
  };
  deployments: Array<
    Pick<
      Deployment,
      'id' | 'environment' | 'status' | 'requestedAt' | 'decidedAt'
    >
  >;
};

/** POST /deployments answer: the deployment, and what was reserved for it. */
export type DeployResult = {
  deployment: Deployment;
  budget?: {
    reservationId: string;
    estimate: number;
    currency: string;
    hours: number;
  };
};
