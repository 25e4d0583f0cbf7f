import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readKeeperGroups } from '@internal/plugin-mlp-node';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

/** Installs the platform's permission policy in the permission backend. */
export const permissionModulePlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new PlatformPermissionPolicy({
            adminGroups: readKeeperGroups(config, { required: true }),
            getUserInfo: user => userInfo.getUserInfo(user.credentials),
          }),
        );
      },
    });
  },
});
