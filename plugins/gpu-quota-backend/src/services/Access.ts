import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { gpuQuotaRequestDecidePermission } from '@internal/plugin-gpu-quota-common';
import { TeamAccess } from '@internal/plugin-mlp-node';

export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Who the caller is to the GPU quota feature: the shared team-access check, and who decides. */
export class Access extends TeamAccess {
  mayDecide(credentials: BackstageCredentials): Promise<boolean> {
    return this.allowed(credentials, gpuQuotaRequestDecidePermission);
  }
}
