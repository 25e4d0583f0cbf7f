import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const KEY = 'permission.adminGroups';

/**
 * Reads `permission.adminGroups`: at least one group ref. A missing list or a ref that is not a
 * group fails start-up with a message naming the key, rather than silently locking keepers out.
 */
export function readAdminGroups(config: Config): string[] {
  const refs = config.getOptionalStringArray(KEY);
  if (!refs || refs.length === 0) {
    throw new Error(
      `${KEY} must list at least one group, e.g. [group:default/platform-team]`,
    );
  }
  return refs.map(ref => {
    let parsed;
    try {
      parsed = parseEntityRef(ref, { defaultKind: 'group' });
    } catch (e) {
      throw new Error(`${KEY}: '${ref}' is not an entity ref: ${e}`);
    }
    if (parsed.kind.toLowerCase() !== 'group') {
      throw new Error(
        `${KEY}: '${ref}' is a ${parsed.kind}, not a group; use group:<namespace>/<name>`,
      );
    }
    return stringifyEntityRef(parsed);
  });
}
