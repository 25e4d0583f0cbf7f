import type {
  Deployment,
  Endpoint,
  Environment,
} from '@internal/plugin-deployments-common';
import {
  MODEL_LABEL,
  RESERVATION_LABEL,
  TEAM_LABEL,
  USER_LABEL,
  type KubeObject,
  type Pod,
} from '@internal/plugin-mlp-kube-node';
import { createHash } from 'node:crypto';

export const KSERVE_GROUP = 'serving.kserve.io';
export const KSERVE_VERSION = 'v1beta1';
/** KServe's label on the objects it makes for an InferenceService (Deployment, pods, Service). */
export const KSERVE_ISVC_LABEL = 'serving.kserve.io/inferenceservice';

/** The portal's names on an InferenceService. */
export const DEPLOYMENT_LABEL = 'mlplatform.dev/deployment';
export const ENVIRONMENT_LABEL = 'mlplatform.dev/environment';
export const MODEL_VERSION_ANNOTATION = 'mlplatform.dev/model-version';
export const REGISTERED_MODEL_ANNOTATION = 'mlplatform.dev/registered-model';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'mlp-portal';

export const isvcPath = (namespace: string, name?: string) =>
  `/apis/${KSERVE_GROUP}/${KSERVE_VERSION}/namespaces/${encodeURIComponent(
    namespace,
  )}/inferenceservices${name ? `/${encodeURIComponent(name)}` : ''}`;

/**
 * The InferenceService's name for a model in an environment: a DNS label short enough for
 * KServe's `-predictor` suffix (KServe names the Deployment and Service `<name>-predictor`).
 * A name that has to be cut keeps a hash of the whole, so two models never share one.
 */
export function inferenceServiceName(
  model: string,
  environment: Environment,
): string {
  const whole = `${model}-${environment}`.toLowerCase();
  const clean = whole.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const max = 45;
  if (clean.length <= max && clean === whole && /^[a-z]/.test(clean))
    return clean;
  const hash = createHash('sha256').update(whole).digest('hex').slice(0, 6);
  const head = clean
    .replace(/^[^a-z]+/, '')
    .slice(0, max - 7)
    .replace(/-+$/, '');
  return `${head || 'model'}-${hash}`;
}

/** A label value: at most 63 characters of letters, digits, `-`, `_` and `.`. */
export const labelValue = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');

export type ServingSettings = {
  gpuResource: string;
  /** CPU and memory each replica asks for. */
  cpu: string;
  memory: string;
  /** KServe's model format for MLflow models (its runtime is chosen by format). */
  modelFormat: string;
};

/**
 * The KServe InferenceService (v1beta1) that serves a deployment: the predictor runs the model
 * files of the registry version with exactly `replicas` copies (min = max, no autoscaling) and
 * `gpus` GPUs each, labelled for the cost ledger (team, model, user, reservation).
 */
export function inferenceServiceManifest(
  deployment: Deployment,
  settings: ServingSettings,
): KubeObject & { spec: unknown } {
  const resources: Record<string, string> = {
    cpu: settings.cpu,
    memory: settings.memory,
  };
  if (deployment.gpus > 0)
    resources[settings.gpuResource] = String(deployment.gpus);
  return {
    apiVersion: `${KSERVE_GROUP}/${KSERVE_VERSION}`,
    kind: 'InferenceService',
    metadata: {
      name: deployment.inferenceService,
      namespace: deployment.namespace,
      labels: {
        [MANAGED_BY_LABEL]: MANAGED_BY,
        [TEAM_LABEL]: deployment.team,
        [MODEL_LABEL]: labelValue(deployment.model),
        [USER_LABEL]: labelValue(
          deployment.requestedBy.replace(/^user:[^/]*\//, ''),
        ),
        [ENVIRONMENT_LABEL]: deployment.environment,
        [DEPLOYMENT_LABEL]: deployment.id,
        ...(deployment.reservationId
          ? { [RESERVATION_LABEL]: deployment.reservationId }
          : {}),
      },
      annotations: {
        [REGISTERED_MODEL_ANNOTATION]: deployment.model,
        [MODEL_VERSION_ANNOTATION]: deployment.version,
        'serving.kserve.io/deploymentMode': 'RawDeployment',
        // Exactly `replicas` copies: without an autoscaler KServe keeps the Deployment at
        // minReplicas (its default, an HPA, starts it at 1 and needs a metrics server).
        'serving.kserve.io/autoscalerClass': 'none',
      },
    },
    spec: {
      predictor: {
        minReplicas: deployment.replicas,
        maxReplicas: deployment.replicas,
        model: {
          modelFormat: { name: settings.modelFormat },
          protocolVersion: 'v2',
          storageUri: deployment.modelUri,
          resources: { requests: resources, limits: resources },
        },
      },
    },
  };
}

export type InferenceServiceObject = KubeObject & {
  spec?: {
    predictor?: { minReplicas?: number; maxReplicas?: number };
  };
  status?: {
    url?: string;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    components?: { predictor?: { url?: string } };
  };
};

export type DeploymentObject = KubeObject & {
  metadata: KubeObject['metadata'] & { generation?: number };
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
  };
};

/**
 * Why the predictor's Deployment does not yet serve the InferenceService as the portal last
 * applied it: KServe has not carried the deployment's label over to it yet, or its pods are still
 * being replaced; undefined once every replica is an updated, ready one and no old pod is left.
 * (A new deploy over a ready endpoint keeps KServe's Ready condition True while pods roll.)
 */
export function rolloutPending(
  isvc: InferenceServiceObject,
  deployment: DeploymentObject | undefined,
  replicas: number,
): string | undefined {
  if (!deployment) return 'waiting for KServe to make the predictor';
  const wanted = isvc.metadata.labels?.[DEPLOYMENT_LABEL];
  const template =
    deployment.spec?.template?.metadata?.labels?.[DEPLOYMENT_LABEL];
  if (wanted && template !== wanted) {
    return 'waiting for KServe to update the predictor';
  }
  const status = deployment.status ?? {};
  if (
    (status.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0)
  ) {
    return 'the predictor is being updated';
  }
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  if (
    updated < replicas ||
    ready < replicas ||
    (status.replicas ?? 0) > replicas
  ) {
    return `rolling out: ${Math.min(
      updated,
      replicas,
    )} of ${replicas} replicas updated, ${ready} ready`;
  }
  return undefined;
}

/** What the cluster serves for one environment, from the InferenceService, its Deployment and pods. */
export function endpointView(input: {
  environment: Environment;
  namespace: string;
  name: string;
  isvc?: InferenceServiceObject;
  deployment?: DeploymentObject;
  pods: Pod[];
}): Endpoint {
  const { isvc, environment, namespace, name } = input;
  const base = { environment, namespace, inferenceService: name };
  if (!isvc) {
    return {
      ...base,
      exists: false,
      ready: false,
      replicas: 0,
      readyReplicas: 0,
      pods: [],
    };
  }
  const conditions = isvc.status?.conditions ?? [];
  const replicas = isvc.spec?.predictor?.minReplicas ?? 1;
  const rolling = rolloutPending(isvc, input.deployment, replicas);
  const ready =
    !rolling && conditions.some(c => c.type === 'Ready' && c.status === 'True');
  const notReady = conditions.find(
    c => c.status !== 'True' && (c.message || c.reason),
  );
  const pods = input.pods
    .filter(p => !p.metadata.deletionTimestamp)
    .map(p => ({
      name: p.metadata.name,
      phase: p.status?.phase ?? 'Pending',
      ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
      ready: (p.status?.conditions ?? []).some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const message = ready
    ? undefined
    : notReady?.message ??
      rolling ??
      notReady?.reason ??
      'waiting for KServe to make the predictor';
  return {
    ...base,
    exists: true,
    ready,
    replicas,
    readyReplicas:
      input.deployment?.status?.readyReplicas ??
      pods.filter(p => p.ready).length,
    ...(isvc.status?.url ? { url: isvc.status.url } : {}),
    ...(isvc.metadata.annotations?.[MODEL_VERSION_ANNOTATION]
      ? { versionServed: isvc.metadata.annotations[MODEL_VERSION_ANNOTATION] }
      : {}),
    ...(message ? { message } : {}),
    pods,
  };
}
