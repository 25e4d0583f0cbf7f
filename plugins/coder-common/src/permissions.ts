import { createPermission } from '@backstage/plugin-permission-common';

/**
 * List, create, start, stop and delete one's own Coder workspaces through the portal. Coder
 * itself decides with the user's own token; this permission lets a portal admin switch the
 * feature off for some users.
 */
export const coderWorkspaceUsePermission = createPermission({
  name: 'coder.workspace.use',
  attributes: {},
});

export const coderPermissions = [coderWorkspaceUsePermission];
