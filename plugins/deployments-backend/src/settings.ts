import { Config } from '@backstage/config';
import { z } from 'zod';

const quantity = /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|K|M|G|T)?$/;

const schema = z.object({
  /** The most replicas one deployment may ask for, unless the team's group says otherwise. */
  maxReplicas: z.number().int().min(1).max(100).default(4),
  /** The GPU resource a replica's GPUs are requested as. */
  gpuResource: z.string().min(1).default('nvidia.com/gpu'),
  /** CPU and memory each replica asks for. */
  cpu: z
    .string()
    .regex(quantity, 'must be a CPU quantity such as 1 or 500m')
    .default('1'),
  memory: z
    .string()
    .regex(quantity, 'must be a memory quantity such as 2Gi')
    .default('2Gi'),
  /** KServe's model format of MLflow models; KServe picks the serving runtime by it. */
  modelFormat: z.string().min(1).default('mlflow'),
  /** The catalog's MLflow server the registry is read from (its `mlflow.servers` name). */
  mlflowServer: z.string().min(1).optional(),
});

export type DeploymentsSettings = z.infer<typeof schema>;

/** `deployments.*` from app-config, checked at start; a bad key fails start-up naming it. */
export function readDeploymentsSettings(config: Config): DeploymentsSettings {
  const parsed = schema.safeParse(config.getOptional('deployments') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`deployments.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
