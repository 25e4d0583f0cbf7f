import { Config } from '@backstage/config';
import { z } from 'zod';
import { NotConfiguredError } from './errors';

const clusterSchema = z.object({
  name: z.string().min(1),
  url: z.string().url(),
  serviceAccountToken: z.string().min(1, 'is empty'),
  caFile: z.string().optional(),
  caData: z.string().optional(),
  skipTLSVerify: z.boolean().optional(),
});
export type KubeCluster = z.infer<typeof clusterSchema> & {
  /** mlp.kubernetes.localClusterProgress: the local cluster's progress file, if it is one. */
  progressFile?: string;
};

/**
 * The cluster the portal works with (the mlp:* actions, the GPU quota plugin): the entry named by mlp.kubernetes.cluster (default: the
 * first) among the clusters of kubernetes.clusterLocatorMethods (type config), the list the
 * Kubernetes plugin reads. Undefined when none is configured; a broken entry throws.
 */
export function readKubeCluster(config: Config): KubeCluster | undefined {
  const wanted = config.getOptionalString('mlp.kubernetes.cluster');
  const clusters = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getOptionalString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
  const chosen = wanted
    ? clusters.find(c => c.getOptionalString('name') === wanted)
    : clusters[0];
  if (!chosen) {
    if (wanted) {
      throw new NotConfiguredError(
        `mlp.kubernetes.cluster is '${wanted}', but kubernetes.clusterLocatorMethods has no cluster of that name`,
      );
    }
    return undefined;
  }
  const parsed = clusterSchema.safeParse(chosen.get());
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${i.path.join('.')}: ${i.message}`,
    );
    throw new NotConfiguredError(
      `The Kubernetes cluster the portal uses (kubernetes.clusterLocatorMethods) is not usable: ${problems.join(
        '; ',
      )}. It needs name, url and serviceAccountToken.`,
    );
  }
  const progressFile = config.getOptionalString(
    'mlp.kubernetes.localClusterProgress',
  );
  return progressFile ? { ...parsed.data, progressFile } : parsed.data;
}
