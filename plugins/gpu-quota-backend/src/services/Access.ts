import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { gpuQuotaRequestDecidePermission } from '@internal/plugin-gpu-quota-common';
import { teamsIn } from '@internal/plugin-mlp-node';

export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Who the caller is, and what the permission framework lets them do. */
export class Access {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  async allowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  async assert(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    refusal: string,
  ): Promise<void> {
    if (!(await this.allowed(credentials, permission))) {
      throw new NotAllowedError(`${refusal} (permission ${permission.name})`);
    }
  }

  mayDecide(credentials: BackstageCredentials): Promise<boolean> {
    return this.allowed(credentials, gpuQuotaRequestDecidePermission);
  }

  /** The team names (catalog groups in the default namespace) the user belongs to. */
  async teamsOf(credentials: UserCredentials): Promise<string[]> {
    const info = await this.userInfo.getUserInfo(credentials);
    return teamsIn(info.ownershipEntityRefs);
  }
}
