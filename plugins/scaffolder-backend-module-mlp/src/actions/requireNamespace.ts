import { InputError } from '@backstage/errors';
import { KubeObjects } from '../kube/types';

/** Fails, before anything is applied, when the namespace an object goes into does not exist. */
export async function requireNamespace(
  kube: KubeObjects | undefined,
  isDryRun: boolean | undefined,
  namespace: string,
  actionId: string,
  field = 'namespace',
) {
  if (isDryRun || !kube) return;
  const found = await kube.get({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  if (!found) {
    throw new InputError(
      `${actionId}: ${field}: namespace '${namespace}' does not exist on ${kube.server}; onboard the team first (template "Onboard an ML team"). Nothing was changed.`,
    );
  }
}
