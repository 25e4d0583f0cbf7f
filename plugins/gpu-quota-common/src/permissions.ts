import { createPermission } from '@backstage/plugin-permission-common';

/** See any team's GPU quota, usage and workloads. Everyone signed in. */
export const gpuQuotaReadPermission = createPermission({
  name: 'gpu-quota.read',
  attributes: { action: 'read' },
});

/**
 * Ask for more GPUs. Everyone signed in holds it; the backend then checks that the asker is a
 * member of the team (platform keepers may ask for any team).
 */
export const gpuQuotaRequestCreatePermission = createPermission({
  name: 'gpu-quota.request.create',
  attributes: { action: 'create' },
});

/** Approve or reject increase requests: platform keepers only, never their own request. */
export const gpuQuotaRequestDecidePermission = createPermission({
  name: 'gpu-quota.request.decide',
  attributes: { action: 'update' },
});

/** Read and export the audit trail of requests and decisions. */
export const gpuQuotaAuditReadPermission = createPermission({
  name: 'gpu-quota.audit.read',
  attributes: { action: 'read' },
});

export const gpuQuotaPermissions = [
  gpuQuotaReadPermission,
  gpuQuotaRequestCreatePermission,
  gpuQuotaRequestDecidePermission,
  gpuQuotaAuditReadPermission,
];
