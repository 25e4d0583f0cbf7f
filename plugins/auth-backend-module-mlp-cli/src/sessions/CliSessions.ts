import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cliAccessManagePermission,
  type CliSession,
  type CliSessionsAnswer,
} from '@internal/plugin-cli-access-common';
import type { CliSessionStore, StoredCliSession } from './CliSessionStore';
import { expiresAt, type Lifetimes } from './lifetimes';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Who may see and revoke which command-line logins: everyone their own, platform keepers
 * (cli-access.manage) everyone's. A session someone may not see answers 404, as one that
 * does not exist.
 */
export class CliSessions {
  constructor(
    private readonly store: CliSessionStore,
    private readonly permissions: PermissionsService,
    private readonly lifetimes: Lifetimes,
    private readonly clientNames: Record<string, string>,
  ) {}

  async list(
    credentials: UserCredentials,
    options: { all: boolean },
  ): Promise<CliSessionsAnswer> {
    const mayManageAll = await this.mayManageAll(credentials);
    if (options.all && !mayManageAll) {
      throw new NotAllowedError(
        "all: only platform keepers see everyone's command-line logins; leave it out to see yours",
      );
    }
    const me = credentials.principal.userEntityRef;
    const rows = await this.store.list(options.all ? undefined : me);
    return { sessions: rows.map(r => this.view(r)), mayManageAll };
  }

  async revoke(credentials: UserCredentials, id: string): Promise<CliSession> {
    const session = await this.visible(credentials, id);
    await this.store.revoke(id);
    return this.view(session);
  }

  /** mlp names its computer right after logging in; only the login's own user may. */
  async setHost(
    credentials: UserCredentials,
    id: string,
    host: string,
  ): Promise<CliSession> {
    const session = await this.store.get(id);
    if (
      !session ||
      session.userEntityRef !== credentials.principal.userEntityRef
    ) {
      throw new NotFoundError(`id: you have no command-line login ${id}`);
    }
    await this.store.setHost(id, host);
    return this.view({ ...session, host });
  }

  private async visible(credentials: UserCredentials, id: string) {
    const session = await this.store.get(id);
    if (
      session &&
      (session.userEntityRef === credentials.principal.userEntityRef ||
        (await this.mayManageAll(credentials)))
    ) {
      return session;
    }
    throw new NotFoundError(
      `id: there is no command-line login ${id} of yours`,
    );
  }

  private async mayManageAll(credentials: UserCredentials): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: cliAccessManagePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private view(s: StoredCliSession): CliSession {
    return {
      id: s.id,
      userEntityRef: s.userEntityRef,
      client: s.oidcClientId
        ? this.clientNames[s.oidcClientId] ?? s.oidcClientId
        : 'unknown client',
      ...(s.host ? { host: s.host } : {}),
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: expiresAt(s, this.lifetimes).toISOString(),
    };
  }
}
