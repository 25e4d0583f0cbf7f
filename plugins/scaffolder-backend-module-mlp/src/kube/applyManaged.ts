import { createHash } from 'node:crypto';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { NotConfiguredError, NotManagedError } from '../errors';
import { describeRef, KubeObject, KubeObjects } from './types';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'mlp-portal';
export const FIELD_MANAGER = 'mlp-portal';

/** What applying one object did; JSON, so a checkpoint can store it. */
export type ApplyResult = {
  kind: string;
  name: string;
  namespace?: string;
  /** created / updated / unchanged, or planned on a dry run. */
  result: 'created' | 'updated' | 'unchanged' | 'planned';
  manifest: string;
};

/** What applyManaged needs of an action's context. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApplyContext = Pick<
  ActionContext<any, any>,
  'isDryRun' | 'logger' | 'checkpoint'
>;

/**
 * Server-side applies one object the portal manages. On a dry run it only reports the manifest.
 * An existing object without our managed-by label is refused unless `adopt` is set. Runs inside a
 * checkpoint keyed by the manifest, so a retried task does not redo it and a changed input does.
 */
export async function applyManaged(
  ctx: ApplyContext,
  kube: KubeObjects | undefined,
  object: KubeObject,
  options: { adopt?: boolean } = {},
): Promise<ApplyResult> {
  const manifest: KubeObject = {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
    },
  };
  const yaml = stringify(manifest);
  const base = {
    kind: manifest.kind,
    name: manifest.metadata.name,
    ...(manifest.metadata.namespace
      ? { namespace: manifest.metadata.namespace }
      : {}),
    manifest: yaml,
  };
  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: would apply ${describeRef(manifest)}:\n${yaml}`);
    return { ...base, result: 'planned' };
  }
  if (!kube) {
    throw new NotConfiguredError(
      `No Kubernetes cluster is configured, so ${describeRef(
        manifest,
      )} cannot be created: add one under kubernetes.clusterLocatorMethods (type config) in app-config, or run the template as a dry run`,
    );
  }
  const hash = createHash('sha256').update(yaml).digest('hex').slice(0, 16);
  return ctx.checkpoint({
    key: `mlp-apply-${manifest.kind}-${manifest.metadata.namespace ?? ''}-${
      manifest.metadata.name
    }-${hash}`,
    fn: async (): Promise<ApplyResult> => {
      const existing = await kube.get(manifest);
      if (
        existing &&
        existing.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY &&
        !options.adopt
      ) {
        throw new NotManagedError(
          `${describeRef(
            manifest,
          )} already exists and was not created by the portal (no label ${MANAGED_BY_LABEL}=${MANAGED_BY}); it was left unchanged. To let the portal manage it from now on, run again with adopt: true`,
        );
      }
      const applied = await kube.apply(manifest, {
        fieldManager: FIELD_MANAGER,
        force: true,
      });
      let result: ApplyResult['result'] = 'created';
      if (existing) {
        result =
          existing.metadata.resourceVersion === applied.metadata.resourceVersion
            ? 'unchanged'
            : 'updated';
      }
      ctx.logger.info(`${describeRef(manifest)}: ${result}`);
      return { ...base, result };
    },
  });
}
