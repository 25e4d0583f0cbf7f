import { createPermission } from '@backstage/plugin-permission-common';

/**
 * See and revoke every user's command-line logins (platform keepers). Everyone sees and revokes
 * their own without it.
 */
export const cliAccessManagePermission = createPermission({
  name: 'cli-access.manage',
  attributes: { action: 'delete' },
});

export const cliAccessPermissions = [cliAccessManagePermission];
