import type { LoggerService } from '@backstage/backend-plugin-api';
import type express from 'express';
import type { SignInStore } from './SignInStore';

/**
 * Counts the sign-ins the auth backend answers: a middleware in front of every provider's
 * refresh route (the sign-in of proxy providers such as guest and oauth2Proxy, and the session
 * restore of every page load), which reads the user from a successful answer. A sign-in that
 * cannot be stored is logged; the user is signed in all the same.
 */
export function recordSignIns(
  store: SignInStore,
  logger: LoggerService,
  now: () => Date = () => new Date(),
): express.RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      const ref = (
        body as
          | { backstageIdentity?: { identity?: { userEntityRef?: unknown } } }
          | undefined
      )?.backstageIdentity?.identity?.userEntityRef;
      if (res.statusCode === 200 && typeof ref === 'string') {
        store.record(ref, now().toISOString()).catch(error =>
          logger.warn('could not record a sign-in', {
            user: ref,
            error: String(error),
          }),
        );
      }
      return json(body);
    };
    next();
  };
}
