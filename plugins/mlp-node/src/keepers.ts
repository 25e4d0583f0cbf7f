import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const KEY = 'permission.adminGroups';

/** Who the platform keepers are when `permission.adminGroups` is not set, for the plugins. */
const DEFAULT_KEEPERS = ['group:default/platform-team'];

/**
 * The platform keepers' groups, defined once in `permission.adminGroups`: the permission policy
 * lets their members administer, and the plugins tell them about quota requests and budgets.
 * A ref that is not a group fails start-up with a message naming the key. The policy requires the
 * list (`required`), rather than silently locking keepers out; the plugins fall back to
 * group:default/platform-team.
 */
export function readKeeperGroups(
  config: Config,
  options: { required?: boolean } = {},
): string[] {
  const refs = config.getOptionalStringArray(KEY);
  if (!refs && !options.required) return DEFAULT_KEEPERS;
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
