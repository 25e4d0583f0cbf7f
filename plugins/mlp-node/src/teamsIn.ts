const TEAM_PREFIX = 'group:default/';

/**
 * The teams among a user's ownership refs (as the user info service gives them): catalog groups
 * in the default namespace, whose names are also their namespaces.
 */
export function teamsIn(ownershipEntityRefs: string[]): string[] {
  return ownershipEntityRefs
    .filter(ref => ref.toLocaleLowerCase('en-US').startsWith(TEAM_PREFIX))
    .map(ref => ref.slice(TEAM_PREFIX.length));
}
