import type {
  BackstageCredentials,
  BackstageUserInfo,
} from '@backstage/backend-plugin-api';

/** Group membership of two test users, as the catalog would resolve it at sign-in. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/morgan.lee': [
    'user:default/morgan.lee',
    'group:default/platform-team',
  ],
  'user:default/amira.haddad': [
    'user:default/amira.haddad',
    'group:default/nlp-team',
  ],
};

export const KEEPER = 'user:default/morgan.lee';
export const SCIENTIST = 'user:default/amira.haddad';

/** A user-info lookup over the test users, for the policy and a test backend. */
export async function testUserInfo(
  credentials: BackstageCredentials,
): Promise<BackstageUserInfo> {
  const ref = (credentials.principal as { userEntityRef: string })
    .userEntityRef;
  return { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] ?? [ref] };
}
