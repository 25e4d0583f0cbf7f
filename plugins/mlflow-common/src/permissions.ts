import { createPermission } from '@backstage/plugin-permission-common';

/** Read experiments, runs and registered models through the portal. */
export const mlflowReadPermission = createPermission({
  name: 'mlflow.read',
  attributes: { action: 'read' },
});

export const mlflowPermissions = [mlflowReadPermission];
