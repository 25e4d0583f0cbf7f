import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CliSessionStore, StoredCliSession } from './CliSessionStore';
import { CliSessions } from './CliSessions';

const AMIRA = 'user:default/amira.haddad';
const JONAS = 'user:default/jonas.berg';
const KEEPER = 'user:default/morgan.lee';
const MLP = 'http://portal/api/auth/mlp-cli/client.json';

function memoryStore(rows: StoredCliSession[]): CliSessionStore {
  return {
    list: async user => rows.filter(r => !user || r.userEntityRef === user),
    get: async id => rows.find(r => r.id === id),
    revoke: async id => {
      const i = rows.findIndex(r => r.id === id);
      if (i >= 0) rows.splice(i, 1);
      return i >= 0;
    },
    setHost: async (id, host) => {
      const row = rows.find(r => r.id === id);
      if (row) row.host = host;
    },
  };
}

function sessions() {
  const rows: StoredCliSession[] = [
    {
      id: 's-amira',
      userEntityRef: AMIRA,
      oidcClientId: MLP,
      createdAt: new Date('2026-12-01T08:00:00Z'),
      lastUsedAt: new Date('2026-12-03T08:00:00Z'),
    },
    {
      id: 's-jonas',
      userEntityRef: JONAS,
      oidcClientId: 'https://elsewhere.example/client.json',
      createdAt: new Date('2025-12-20T08:00:00Z'),
      lastUsedAt: new Date('2026-12-03T08:00:00Z'),
    },
  ];
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result:
          (options.credentials.principal as { userEntityRef: string })
            .userEntityRef === KEEPER
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
  const service = new CliSessions(
    memoryStore(rows),
    permissions,
    { unusedMs: 30 * 86_400_000, maxMs: 365 * 86_400_000 },
    { [MLP]: 'mlp' },
  );
  return { service, rows };
}

const as = (userEntityRef: string) => mockCredentials.user(userEntityRef);

describe('CliSessions', () => {
  it("shows a user their own logins with the client's name and when each ends", async () => {
    const { service } = sessions();
    const answer = await service.list(as(AMIRA), { all: false });
    expect(answer).toEqual({
      mayManageAll: false,
      sessions: [
        {
          id: 's-amira',
          userEntityRef: AMIRA,
          client: 'mlp',
          createdAt: '2026-12-01T08:00:00.000Z',
          lastUsedAt: '2026-12-03T08:00:00.000Z',
          // 30 days after its last use.
          expiresAt: '2027-01-02T08:00:00.000Z',
        },
      ],
    });
  });

  it('ends a login a year after it was made, however often it is used; an unknown client is named by its id', async () => {
    const { service } = sessions();
    const [jonas] = (await service.list(as(JONAS), { all: false })).sessions;
    expect(jonas.client).toBe('https://elsewhere.example/client.json');
    expect(jonas.expiresAt).toBe('2026-12-20T08:00:00.000Z');
  });

  it("refuses everyone's logins to a scientist, and hides others' as if they did not exist", async () => {
    const { service, rows } = sessions();
    await expect(service.list(as(AMIRA), { all: true })).rejects.toThrow(
      "all: only platform keepers see everyone's command-line logins",
    );
    await expect(service.revoke(as(AMIRA), 's-jonas')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(
      service.setHost(as(AMIRA), 's-jonas', 'x'),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(rows).toHaveLength(2);
  });

  it("lets a keeper see and revoke anyone's, but not name another's host", async () => {
    const { service, rows } = sessions();
    const all = await service.list(as(KEEPER), { all: true });
    expect(all.mayManageAll).toBe(true);
    expect(all.sessions.map(s => s.id)).toEqual(['s-amira', 's-jonas']);
    await expect(service.revoke(as(KEEPER), 's-jonas')).resolves.toMatchObject({
      id: 's-jonas',
    });
    expect(rows.map(r => r.id)).toEqual(['s-amira']);
    await expect(
      service.setHost(as(KEEPER), 's-amira', 'x'),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
