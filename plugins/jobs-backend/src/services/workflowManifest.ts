import type { ParsedJobSubmission } from '@internal/plugin-jobs-common';
import {
  GPU_PRODUCT_LABEL,
  GPU_TAINT_KEY,
  HOURLY_RATE,
  JOB_LABEL,
  MLFLOW_RUN,
  PROJECT_LABEL,
  RESERVATION_LABEL,
  SIMULATED_EXIT_CODE,
  SIMULATED_FAILURE,
  SIMULATED_GPU_UTIL,
  SIMULATED_RUNTIME,
  SUBMISSION,
  SUBMITTED_BY,
  TEAM_LABEL,
  USER_LABEL,
} from './labels';

export type WorkflowInput = {
  job: ParsedJobSubmission;
  /** The Workflow's name: the job id. */
  id: string;
  userRef: string;
  reservationId: string;
  hourlyRate: number;
  currency: string;
  /** The MLflow run made for the job, which its code logs into. */
  mlflowRunId?: string;
  settings: {
    serviceAccountName: string;
    gpuResource: string;
    mlflowTrackingUri?: string;
    artifactRoot?: string;
  };
};

/** The MLflow experiment a job logs to: the one it names, else `<team>/<job name>`. */
export function experimentOf(job: {
  experiment?: string;
  team: string;
  name: string;
}): string {
  return job.experiment ?? `${job.team}/${job.name}`;
}

/** A label value: at most 63 characters of letters, digits, `-`, `_` and `.`. */
function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * The Argo Workflow of a training job: one container with the GPUs, memory and CPU as both
 * requests and limits (so the team's ResourceQuota holds them), the team's service account,
 * `activeDeadlineSeconds` from the timeout, retries, and MLflow and artifact settings as env.
 */
export function workflowManifest(input: WorkflowInput) {
  const { job, id, settings } = input;
  const experiment = experimentOf(job);
  const labels = {
    [TEAM_LABEL]: job.team,
    [PROJECT_LABEL]: job.project ?? job.name,
    [USER_LABEL]: labelValue(input.userRef.replace(/^user:[^/]+\//, '')),
    [RESERVATION_LABEL]: input.reservationId,
    [JOB_LABEL]: 'true',
  };
  const resources = {
    [settings.gpuResource]: String(job.gpus),
    memory: job.memory,
    cpu: job.cpu,
  };
  const env = [
    { name: 'MLFLOW_EXPERIMENT_NAME', value: experiment },
    { name: 'MLP_JOB_ID', value: id },
    ...(input.mlflowRunId
      ? [{ name: 'MLFLOW_RUN_ID', value: input.mlflowRunId }]
      : []),
    { name: 'MLP_TEAM', value: job.team },
    ...(settings.mlflowTrackingUri
      ? [{ name: 'MLFLOW_TRACKING_URI', value: settings.mlflowTrackingUri }]
      : []),
    ...(settings.artifactRoot
      ? [
          {
            name: 'MLP_ARTIFACT_URI',
            value: `${settings.artifactRoot.replace(/\/+$/, '')}/${
              job.team
            }/${id}`,
          },
        ]
      : []),
    ...(job.outputArtifacts.length
      ? [{ name: 'MLP_OUTPUT_ARTIFACTS', value: job.outputArtifacts.join(',') }]
      : []),
  ];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      name: id,
      namespace: job.team,
      labels,
      annotations: {
        [SUBMITTED_BY]: input.userRef,
        [HOURLY_RATE]: `${input.hourlyRate} ${input.currency}`,
        ...(input.mlflowRunId ? { [MLFLOW_RUN]: input.mlflowRunId } : {}),
        // What was asked for, as submitted: the job is read back from it.
        [SUBMISSION]: JSON.stringify(job),
      },
    },
    spec: {
      entrypoint: 'train',
      serviceAccountName: settings.serviceAccountName,
      activeDeadlineSeconds: Math.ceil(job.timeoutHours * 3600),
      ...(job.retries > 0
        ? { retryStrategy: { limit: job.retries, retryPolicy: 'OnFailure' } }
        : {}),
      podMetadata: {
        labels,
        ...(job.simulate || input.mlflowRunId
          ? {
              annotations: {
                ...(job.simulate ? simulationAnnotations(job) : {}),
                ...(input.mlflowRunId
                  ? { [MLFLOW_RUN]: input.mlflowRunId }
                  : {}),
              },
            }
          : {}),
      },
      ...(job.gpuProduct
        ? { nodeSelector: { [GPU_PRODUCT_LABEL]: job.gpuProduct } }
        : {}),
      // GPU nodes carry the nvidia.com/gpu taint; only GPU work belongs there.
      tolerations: [
        { key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' },
      ],
      templates: [
        {
          name: 'train',
          container: {
            image: job.image,
            ...commandOf(job),
            env,
            resources: { requests: resources, limits: resources },
          },
          ...(job.outputArtifacts.length
            ? {
                outputs: {
                  // Optional: a path the script did not write does not fail the job, and
                  // Argo does not hold the job Running waiting for a report of it.
                  artifacts: job.outputArtifacts.map((path, i) => ({
                    name: `output-${i}`,
                    path,
                    optional: true,
                  })),
                },
              }
            : {}),
        },
      ],
    },
  };
}

/**
 * What KWOK's pod stages act on (how long the pod runs and how it ends) and what the local GPU
 * metrics exporter reports for its GPUs.
 */
function simulationAnnotations(
  job: ParsedJobSubmission,
): Record<string, string> {
  const sim = job.simulate!;
  return {
    [SIMULATED_RUNTIME]: sim.runtime,
    ...(sim.exitCode ? { [SIMULATED_EXIT_CODE]: String(sim.exitCode) } : {}),
    ...(sim.failure ? { [SIMULATED_FAILURE]: sim.failure } : {}),
    ...(sim.gpuUtil !== undefined
      ? { [SIMULATED_GPU_UTIL]: String(sim.gpuUtil) }
      : {}),
  };
}

/** `python <script> args...`, or the image's own entrypoint with the args. */
function commandOf(job: ParsedJobSubmission) {
  if (job.script) return { command: ['python', job.script], args: job.args };
  return job.args.length ? { args: job.args } : {};
}

export type WorkflowManifest = ReturnType<typeof workflowManifest>;
