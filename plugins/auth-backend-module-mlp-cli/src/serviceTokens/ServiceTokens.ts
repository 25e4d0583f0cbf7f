import {
  createHash,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  cliAccessManagePermission,
  type CreatedServiceToken,
  type ServiceToken,
  type ServiceTokenRequest,
} from '@internal/plugin-cli-access-common';
import type {
  ServiceTokenStore,
  StoredServiceToken,
} from './ServiceTokenStore';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** `mlpst_<id>_<secret>`: the id finds the row, the secret is compared with its hash. */
const TOKEN = /^mlpst_([0-9a-f-]{36})_([\w-]{43})$/;

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * Service tokens for automation: platform keepers make, list and revoke them; each acts as one
 * catalog user. The auth backend's mlpServiceToken sign-in provider turns one into an ordinary,
 * short-lived user token (authenticate), so every plugin sees that user and nothing new.
 */
export class ServiceTokens {
  constructor(
    private readonly store: ServiceTokenStore,
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(
    credentials: UserCredentials,
    request: ServiceTokenRequest,
  ): Promise<CreatedServiceToken> {
    await this.assertKeeper(credentials);
    const user = await this.catalog.getEntityByRef(request.user, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!user || user.kind.toLowerCase() !== 'user') {
      throw new InputError(
        `user: ${request.user} is not a user in the catalog; add a service account (kind User, member of the team) first`,
      );
    }
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const created = this.now();
    const stored: StoredServiceToken = {
      id,
      userEntityRef: request.user.toLowerCase(),
      name: request.name,
      secretSha256: sha256(secret),
      createdBy: credentials.principal.userEntityRef,
      createdAt: created.toISOString(),
      expiresAt: new Date(
        created.getTime() + request.days * 86_400_000,
      ).toISOString(),
    };
    await this.store.add(stored);
    return { token: `mlpst_${id}_${secret}`, serviceToken: view(stored) };
  }

  async list(credentials: UserCredentials): Promise<ServiceToken[]> {
    await this.assertKeeper(credentials);
    return (await this.store.list()).map(view);
  }

  async revoke(
    credentials: UserCredentials,
    id: string,
  ): Promise<ServiceToken> {
    await this.assertKeeper(credentials);
    const stored = await this.store.get(id);
    if (!stored || !(await this.store.delete(id))) {
      throw new NotFoundError(`id: there is no service token ${id}`);
    }
    return view(stored);
  }

  /** The user a presented token acts as; AuthenticationError when it is not a valid one. */
  async authenticate(token: string): Promise<string> {
    const match = TOKEN.exec(token.trim());
    if (!match) {
      throw new AuthenticationError('this is not a service token');
    }
    const [, id, secret] = match;
    const stored = await this.store.get(id);
    const expected = Buffer.from(stored?.secretSha256 ?? sha256(''), 'hex');
    const given = Buffer.from(sha256(secret), 'hex');
    if (!stored || !timingSafeEqual(expected, given)) {
      throw new AuthenticationError(
        'the service token was revoked or never existed: ask a platform keeper for a new one',
      );
    }
    const now = this.now();
    if (Date.parse(stored.expiresAt) <= now.getTime()) {
      throw new AuthenticationError(
        `the service token expired on ${stored.expiresAt}: ask a platform keeper for a new one`,
      );
    }
    await this.store.markUsed(id, now.toISOString());
    return stored.userEntityRef;
  }

  private async assertKeeper(credentials: UserCredentials) {
    const [decision] = await this.permissions.authorize(
      [{ permission: cliAccessManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'only platform keepers make, see and revoke service tokens',
      );
    }
  }
}

function view(t: StoredServiceToken): ServiceToken {
  return {
    id: t.id,
    userEntityRef: t.userEntityRef,
    name: t.name,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt } : {}),
  };
}
