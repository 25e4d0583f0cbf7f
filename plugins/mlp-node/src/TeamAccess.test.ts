import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { isUserCredentials, TeamAccess } from './TeamAccess';

const spend = createPermission({
  name: 'test.spend',
  attributes: { action: 'update' },
});

function access(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const userInfo = {
    getUserInfo: jest.fn(async () => ({
      userEntityRef: 'user:default/amira.haddad',
      ownershipEntityRefs: [
        'user:default/amira.haddad',
        'group:default/nlp-team',
        'group:research/reading-club',
      ],
    })),
  };
  return new TeamAccess(mockServices.permissions({ result }), userInfo);
}

describe('TeamAccess', () => {
  const amira = mockCredentials.user('user:default/amira.haddad');

  it("gives the user's teams: groups of the default namespace only", async () => {
    expect(await access(AuthorizeResult.ALLOW).member(amira)).toEqual({
      userEntityRef: 'user:default/amira.haddad',
      teams: ['nlp-team'],
    });
  });

  it('refuses what the policy denies, naming the permission', async () => {
    await expect(
      access(AuthorizeResult.DENY).assert(amira, spend, 'You may not spend'),
    ).rejects.toThrow(
      new NotAllowedError('You may not spend (permission test.spend)'),
    );
    await expect(
      access(AuthorizeResult.ALLOW).assert(amira, spend, 'You may not spend'),
    ).resolves.toBeUndefined();
  });

  it('tells users from services', () => {
    expect(isUserCredentials(amira)).toBe(true);
    expect(isUserCredentials(mockCredentials.service())).toBe(false);
  });
});
