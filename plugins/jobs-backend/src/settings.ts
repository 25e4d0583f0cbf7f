import { Config } from '@backstage/config';
import { readMlflowServers } from '@internal/plugin-mlflow-node';
import { z } from 'zod';

const schema = z.object({
  /** The service account job pods run as in the team's namespace. */
  serviceAccountName: z.string().min(1).default('default'),
  /** The GPU resource a job's GPUs are requested as. */
  gpuResource: z.string().min(1).default('nvidia.com/gpu'),
  /** Where jobs log runs; the first MLflow server's address when absent. */
  mlflowTrackingUri: z.string().url().optional(),
  /** Where jobs write artifacts, e.g. s3://ml-artifacts; each job gets `<root>/<team>/<job id>`. */
  artifactRoot: z.string().min(1).optional(),
  /** KWOK's simulated nodes: a job may say how its pods run (`simulate`). */
  simulatedCluster: z.boolean().default(false),
  /** How often every job's record is brought up to date from the cluster, in seconds. */
  recordSeconds: z.number().int().min(1).max(3600).default(30),
});

export type JobsSettings = z.infer<typeof schema> & {
  /** Where people open MLflow (the first server's UI), for links. */
  mlflowUiUrl?: string;
  /** `mlp.gpu.maxPerJob`, shared with the project template's checks. */
  maxGpusPerJob: number;
};

/** `jobs.*` from app-config, checked at start; a bad key fails start-up naming it. */
export function readJobsSettings(config: Config): JobsSettings {
  const parsed = schema.safeParse(config.getOptional('jobs') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`jobs.${issue.path.join('.')}: ${issue.message}`);
  }
  const mlflow = readMlflowServers(config)[0];
  return {
    ...parsed.data,
    mlflowTrackingUri: parsed.data.mlflowTrackingUri ?? mlflow?.baseUrl,
    mlflowUiUrl: mlflow?.uiUrl ?? mlflow?.baseUrl,
    maxGpusPerJob: config.getOptionalNumber('mlp.gpu.maxPerJob') ?? 64,
  };
}
