import { Config } from '@backstage/config';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NotConfiguredError } from './errors';

const mlflowServer = z.object({
  name: z.string().min(1),
  baseUrl: z.string().url(),
  uiUrl: z.string().url().optional(),
});
export type MlflowServer = z.infer<typeof mlflowServer>;

/** The mlp.* settings the actions use, with their defaults. */
export type MlpSettings = {
  maxGpusPerTeam: number;
  maxGpusPerJob: number;
  queue: 'none' | 'volcano';
  argocd: { namespace: string; baseUrl?: string; destinationServer: string };
  publishDirectory: string;
  mlflowServers: MlflowServer[];
};

export function readSettings(config: Config): MlpSettings {
  const queue = config.getOptionalString('mlp.scheduler.queue') ?? 'none';
  if (queue !== 'none' && queue !== 'volcano') {
    throw new NotConfiguredError(
      `mlp.scheduler.queue is '${queue}'; use none or volcano`,
    );
  }
  const servers = z
    .array(mlflowServer)
    .safeParse(config.getOptional('mlflow.servers') ?? []);
  if (!servers.success) {
    throw new NotConfiguredError(
      `mlflow.servers is not valid: ${servers.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return {
    maxGpusPerTeam: config.getOptionalNumber('mlp.gpu.maxPerTeam') ?? 512,
    maxGpusPerJob: config.getOptionalNumber('mlp.gpu.maxPerJob') ?? 64,
    queue,
    argocd: {
      namespace: config.getOptionalString('mlp.argocd.namespace') ?? 'argocd',
      baseUrl: config.getOptionalString('mlp.argocd.baseUrl'),
      destinationServer:
        config.getOptionalString('mlp.argocd.destinationServer') ??
        'https://kubernetes.default.svc',
    },
    publishDirectory: resolve(
      config.getOptionalString('mlp.publish.localDirectory') ??
        '../../data/published',
    ),
    mlflowServers: servers.data,
  };
}
