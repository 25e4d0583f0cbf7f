// Test-only stand-ins for the permission and user-info services, and a context runner.
import {
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { Access } from '../access';
import { KubeObject, KubeObjects, ObjectRef } from '../kube/types';

/** Access for a platform keeper (onboarding allowed) or a member of the given teams. */
export function accessFor(who: { keeper: boolean; teams?: string[] }): Access {
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({
        result: who.keeper ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
  } as unknown as PermissionsService;
  const userInfo = {
    getUserInfo: async () => ({
      userEntityRef: 'user:default/mock',
      ownershipEntityRefs: [
        'user:default/mock',
        ...(who.teams ?? []).map(t => `group:default/${t}`),
      ],
    }),
  } as unknown as UserInfoService;
  return new Access(permissions, userInfo);
}

/** Wraps a cluster and counts what was read and written through it. */
export function counting(inner: KubeObjects) {
  const calls = { get: 0, apply: 0 };
  const kube: KubeObjects = {
    server: inner.server,
    get: (ref: ObjectRef) => {
      calls.get++;
      return inner.get(ref);
    },
    apply: (object: KubeObject, options) => {
      calls.apply++;
      return inner.apply(object, options);
    },
  };
  return { kube, calls };
}

/** Runs an action's handler like the scaffolder would and returns its outputs. */
export async function runAction(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: { isDryRun?: boolean; workspacePath?: string } = {},
): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  const ctx = {
    ...createMockActionContext({
      input,
      ...(options.workspacePath
        ? { workspacePath: options.workspacePath }
        : {}),
    }),
    isDryRun: options.isDryRun,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  await action.handler(ctx);
  return outputs;
}
