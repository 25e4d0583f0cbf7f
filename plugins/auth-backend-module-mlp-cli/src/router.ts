import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  cliSessionHostSchema,
  serviceTokenRequestSchema,
} from '@internal/plugin-cli-access-common';
import { parseInput } from '@internal/plugin-mlp-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MLP_CLI_CLIENT_PATH, mlpCliClientMetadata } from './clientMetadata';
import { FailureThrottle } from './failureThrottle';
import type { ServiceTokens } from './serviceTokens/ServiceTokens';
import type { CliSessions } from './sessions/CliSessions';
import { recordSignIns } from './signIns/recordSignIns';
import type { SignInStore } from './signIns/SignInStore';

const listQuerySchema = z.object({ all: z.enum(['true', 'false']).optional() });
const sessionIdSchema = z
  .string()
  .regex(
    /^[\w-]{1,64}$/,
    'is not a login id (as the CLI access page shows it)',
  );

/** Failed token requests an address may make per minute before it has to wait. */
export const TOKEN_FAILURES_PER_MINUTE = 10;

/**
 * The routes this module adds under /api/auth: the client document, and a throttle in front of
 * the auth backend's token endpoint (mounted before it), so guessing approval codes or refresh
 * tokens costs a minute per few attempts instead of nothing.
 */
export async function createRouter(options: {
  authBaseUrl: () => Promise<string>;
  httpAuth: HttpAuthService;
  sessions: CliSessions;
  serviceTokens: ServiceTokens;
  signIns: SignInStore;
  logger: LoggerService;
  throttle?: FailureThrottle;
}): Promise<express.Router> {
  const { httpAuth, sessions, serviceTokens, signIns } = options;
  const throttle =
    options.throttle ?? new FailureThrottle(TOKEN_FAILURES_PER_MINUTE, 60_000);
  const router = Router();
  router.get(MLP_CLI_CLIENT_PATH, async (_req, res) => {
    res.json(mlpCliClientMetadata(await options.authBaseUrl()));
  });

  // The CLI access page: one's own logins (keepers: everyone's with ?all=true), and revoking.
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const idOf = (req: express.Request) =>
    parseInput(sessionIdSchema, req.params.id, 'id');
  router.get('/mlp-cli/sessions', async (req, res) => {
    const { all } = parseInput(listQuerySchema, req.query, 'query');
    res.json(await sessions.list(await user(req), { all: all === 'true' }));
  });
  router.delete('/mlp-cli/sessions/:id', async (req, res) => {
    res.json({ session: await sessions.revoke(await user(req), idOf(req)) });
  });
  router.put('/mlp-cli/sessions/:id/host', express.json(), async (req, res) => {
    const { host } = parseInput(cliSessionHostSchema, req.body, 'body');
    res.json({
      session: await sessions.setHost(await user(req), idOf(req), host),
    });
  });

  // Service tokens for automation (platform keepers).
  router.get('/mlp-cli/service-tokens', async (req, res) => {
    res.json({ tokens: await serviceTokens.list(await user(req)) });
  });
  router.post('/mlp-cli/service-tokens', express.json(), async (req, res) => {
    const request = parseInput(serviceTokenRequestSchema, req.body, 'body');
    res.status(201).json(await serviceTokens.create(await user(req), request));
  });
  router.delete('/mlp-cli/service-tokens/:id', async (req, res) => {
    res.json({
      serviceToken: await serviceTokens.revoke(await user(req), idOf(req)),
    });
  });

  // Who signed in when, for platform metrics (time to first job): service calls only.
  router.get('/mlp-cli/sign-ins', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ signIns: await signIns.list() });
  });

  const tooMany = (seconds: number) =>
    `Too many failed sign-in attempts from this address: try again in ${seconds} s`;
  const guard = express.Router();
  // The token endpoint answers OAuth errors (400, 401 for a bad client).
  guard.post(
    '/v1/token',
    throttleFailures(throttle, [400, 401], seconds => ({
      error: 'invalid_request',
      error_description: tooMany(seconds),
    })),
  );
  // The service-token sign-in answers Backstage errors (401).
  guard.get(
    '/mlpServiceToken/refresh',
    throttleFailures(throttle, [401], seconds => ({
      error: { name: 'TooManyRequestsError', message: tooMany(seconds) },
    })),
  );
  guard.get('/:provider/refresh', recordSignIns(signIns, options.logger));
  router.use(guard);
  return router;
}

/**
 * Refuses a request with 429 and Retry-After while its address has too many recent failures,
 * and counts the answers with a failure status as failures.
 */
function throttleFailures(
  throttle: FailureThrottle,
  failureStatuses: number[],
  refusal: (seconds: number) => object,
): express.RequestHandler {
  return (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const waitMs = throttle.waitMs(address);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json(refusal(seconds));
      return;
    }
    res.on('finish', () => {
      if (failureStatuses.includes(res.statusCode)) {
        throttle.record(address);
      }
    });
    next();
  };
}
