import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ServiceTokenStore,
  StoredServiceToken,
} from './ServiceTokenStore';
import { ServiceTokens } from './ServiceTokens';

const KEEPER = 'user:default/morgan.lee';
const SCIENTIST = 'user:default/amira.haddad';

function memoryStore(): ServiceTokenStore & { rows: StoredServiceToken[] } {
  const rows: StoredServiceToken[] = [];
  return {
    rows,
    add: async t => {
      rows.push({ ...t });
    },
    get: async id => rows.find(r => r.id === id),
    list: async () => [...rows].reverse(),
    delete: async id => {
      const i = rows.findIndex(r => r.id === id);
      if (i >= 0) rows.splice(i, 1);
      return i >= 0;
    },
    markUsed: async (id, at) => {
      const row = rows.find(r => r.id === id);
      if (row) row.lastUsedAt = at;
    },
  };
}

function tokens(now: { at: Date }) {
  const store = memoryStore();
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
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'nlp-ci', namespace: 'default' },
        spec: { memberOf: ['nlp-team'] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'nlp-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ],
  });
  const service = new ServiceTokens(
    store,
    permissions,
    catalog,
    mockServices.auth(),
    () => now.at,
  );
  return { service, store };
}

const request = { user: 'user:default/nlp-ci', name: 'nightly', days: 7 };

describe('ServiceTokens', () => {
  it('keeps only a hash, and signs a valid token in as its user until it expires', async () => {
    const now = { at: new Date('2026-12-04T20:00:00Z') };
    const { service, store } = tokens(now);
    const { token, serviceToken } = await service.create(
      mockCredentials.user(KEEPER),
      request,
    );
    expect(serviceToken.expiresAt).toBe('2026-12-11T20:00:00.000Z');
    // the secret is base64url, so it may hold '_' itself: take all after the id
    const secret = token.match(/^mlpst_[0-9a-f-]{36}_(.{43})$/)?.[1];
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(store.rows)).not.toContain(secret);

    await expect(service.authenticate(token)).resolves.toBe(
      'user:default/nlp-ci',
    );
    expect(store.rows[0].lastUsedAt).toBe('2026-12-04T20:00:00.000Z');

    now.at = new Date('2026-12-11T20:00:01Z');
    await expect(service.authenticate(token)).rejects.toThrow(
      'the service token expired on 2026-12-11T20:00:00.000Z',
    );
  });

  it('refuses what is not a token, a wrong secret and a group', async () => {
    const { service } = tokens({ at: new Date() });
    const { token } = await service.create(
      mockCredentials.user(KEEPER),
      request,
    );
    await expect(service.authenticate('hello')).rejects.toThrow(
      'this is not a service token',
    );
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await expect(service.authenticate(wrong)).rejects.toThrow(
      'revoked or never existed',
    );
    await expect(
      service.create(mockCredentials.user(KEEPER), {
        ...request,
        user: 'user:default/nlp-team',
      }),
    ).rejects.toThrow(
      'user: user:default/nlp-team is not a user in the catalog',
    );
  });

  it('is for platform keepers only', async () => {
    const { service } = tokens({ at: new Date() });
    const scientist = mockCredentials.user(SCIENTIST);
    await expect(service.create(scientist, request)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(service.list(scientist)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(service.revoke(scientist, 'x')).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });
});
