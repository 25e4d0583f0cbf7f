import { InputError } from '@backstage/errors';
import type { CoderConnection } from '@internal/plugin-coder-common';
import { CoderApiError, CoderClient } from '@internal/plugin-coder-node';
import { CoderTokenStore } from '../store/CoderTokenStore';
import { CoderNotConnectedError, portalErrorOf } from './errors';
import { TokenCipher } from './TokenCipher';

/** A user's Coder identity, with the token to act as them. Never leaves the backend. */
export type CoderSession = { token: string; username: string; userId: string };

/**
 * Each portal user's own Coder token: checked against Coder when given, stored sealed, opened
 * only to call Coder as that user. When Coder later refuses it (expired, revoked), it is marked
 * so the user is asked to connect again.
 */
export class CoderConnections {
  constructor(
    private readonly options: {
      store: CoderTokenStore;
      cipher: TokenCipher;
      client: CoderClient;
      coderUrl: string;
      now?: () => Date;
    },
  ) {}

  async status(userRef: string): Promise<CoderConnection> {
    const stored = await this.options.store.get(userRef);
    const coderUrl = this.options.coderUrl;
    if (!stored || stored.rejected) {
      return {
        status: 'not-connected',
        coderUrl,
        ...(stored?.rejected ? { rejected: stored.rejected } : {}),
      };
    }
    return {
      status: 'connected',
      coderUrl,
      username: stored.coderUsername,
      connectedAt: stored.connectedAt,
    };
  }

  /** Checks the token with Coder (GET /users/me), then stores it sealed for this user. */
  async connect(userRef: string, token: string): Promise<CoderConnection> {
    let me;
    try {
      me = await this.options.client.me(token);
    } catch (error) {
      if (error instanceof CoderApiError && error.coderStatus === 401) {
        throw new InputError(
          `token: Coder did not accept this token (${error.coderMessage}); create a new one in Coder under Account → Tokens, or with \`coder tokens create\``,
        );
      }
      throw portalErrorOf(error, 'Checking the token with Coder');
    }
    await this.options.store.put({
      userRef,
      coderUserId: me.id,
      coderUsername: me.username,
      tokenSealed: this.options.cipher.seal(token, userRef),
      connectedAt: this.now(),
    });
    return this.status(userRef);
  }

  async disconnect(userRef: string): Promise<void> {
    await this.options.store.delete(userRef);
  }

  /** The user's session, or a 401 that asks them to connect (again). */
  async session(userRef: string): Promise<CoderSession> {
    const stored = await this.options.store.get(userRef);
    if (!stored) {
      throw new CoderNotConnectedError(
        'Connect your Coder account first: paste a Coder token in the Coder workspaces card',
      );
    }
    if (stored.rejected) {
      throw new CoderNotConnectedError(
        `Coder no longer accepts your token (${stored.rejected.message}): connect again with a new token`,
      );
    }
    const token = this.options.cipher.open(stored.tokenSealed, userRef);
    if (!token) {
      // Sealed with another key (coder.tokenEncryptionKey changed) or altered.
      await this.options.store.markRejected(
        userRef,
        this.now(),
        'the portal can no longer read the stored token',
      );
      throw new CoderNotConnectedError(
        'The portal can no longer read your stored Coder token (its key changed): connect again',
      );
    }
    return {
      token,
      username: stored.coderUsername,
      userId: stored.coderUserId,
    };
  }

  /**
   * Runs a Coder call as the user. A 401 from Coder marks the token refused and asks the user to
   * reconnect; every other failure becomes the portal's error for it.
   */
  async asUser<T>(
    userRef: string,
    doing: string,
    call: (session: CoderSession) => Promise<T>,
  ): Promise<T> {
    const session = await this.session(userRef);
    try {
      return await call(session);
    } catch (error) {
      if (error instanceof CoderApiError && error.coderStatus === 401) {
        await this.options.store.markRejected(
          userRef,
          this.now(),
          error.coderMessage,
        );
        throw new CoderNotConnectedError(
          `Coder no longer accepts your token (${error.coderMessage}): connect again with a new token`,
        );
      }
      throw portalErrorOf(error, doing);
    }
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
