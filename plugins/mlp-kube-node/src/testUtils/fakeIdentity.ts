import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** The user entity ref of a caller, or '' for a service. */
export function userRefOf(credentials: BackstageCredentials): string {
  return (
    (credentials.principal as { userEntityRef?: string }).userEntityRef ?? ''
  );
}

/**
 * Who test users are, for a test backend: their groups (as the catalog resolves them at sign-in;
 * the map is read on each call, so a test may add to it) and which permissions the policy grants
 * them (a stand-in for the portal's policy, whose own tests live in packages/backend).
 */
export function fakeIdentity(options: {
  groups: Record<string, string[]>;
  allow: (user: string, permission: string) => boolean;
}) {
  const permissions = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      async authorize(
        requests: Array<{ permission: { name: string } }>,
        { credentials }: { credentials: BackstageCredentials },
      ) {
        return requests.map(r => ({
          result: options.allow(userRefOf(credentials), r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        }));
      },
      async authorizeConditional(requests: unknown[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    }),
  });
  const userInfo = createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const ref = userRefOf(credentials);
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(options.groups[ref] ?? [])],
        };
      },
    }),
  });
  return [permissions, userInfo];
}
