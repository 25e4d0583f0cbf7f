import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import { teamsIn } from './teamsIn';

/** A caller signed in as a user (not a service). */
export function isUserCredentials(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** Whether the permission framework grants the caller this permission. */
export async function permitted(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<boolean> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  return decision.result === AuthorizeResult.ALLOW;
}

/** Refuses with `refusal (permission <name>)` (403) unless the permission is granted. */
export async function assertPermitted(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
  refusal: string,
): Promise<void> {
  if (!(await permitted(permissions, credentials, permission))) {
    throw new NotAllowedError(`${refusal} (permission ${permission.name})`);
  }
}

/**
 * The signed-in user behind a router's request (anything else is refused by httpAuth), refused
 * with `refusal (permission <name>)` (403) unless the permission is granted.
 */
export async function authorizedUser(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Parameters<HttpAuthService['credentials']>[0],
  permission: BasicPermission,
  refusal: string,
): Promise<BackstageCredentials<BackstageUserPrincipal>> {
  const credentials = await deps.httpAuth.credentials(req, { allow: ['user'] });
  await assertPermitted(deps.permissions, credentials, permission, refusal);
  return credentials;
}

/**
 * The one team-access check of the portal's backends: what the permission framework lets the
 * caller do (keepers hold the write permissions, see permission.adminGroups), and which teams
 * they are a member of (catalog groups in the default namespace, whose names are their
 * namespaces). Each backend words its own refusals.
 */
export class TeamAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  allowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    return permitted(this.permissions, credentials, permission);
  }

  /** Refuses with `refusal (permission <name>)` unless the permission is granted. */
  assert(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    refusal: string,
  ): Promise<void> {
    return assertPermitted(this.permissions, credentials, permission, refusal);
  }

  /** The user's entity ref and the teams they belong to. */
  async member(
    credentials: BackstageCredentials,
  ): Promise<{ userEntityRef: string; teams: string[] }> {
    const info = await this.userInfo.getUserInfo(credentials);
    return {
      userEntityRef: info.userEntityRef,
      teams: teamsIn(info.ownershipEntityRefs),
    };
  }

  /** The team names the user belongs to. */
  async teamsOf(credentials: BackstageCredentials): Promise<string[]> {
    return (await this.member(credentials)).teams;
  }
}
