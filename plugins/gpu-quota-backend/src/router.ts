import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  auditQuerySchema,
  createQuotaRequestSchema,
  decisionSchema,
  listRequestsQuerySchema,
  rejectionSchema,
} from '@internal/plugin-gpu-quota-common';
import express, { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { auditCsv } from './csv';
import { PayloadTooLargeError } from './services/errors';
import type { GpuQuotaServices } from './services/gpuQuotaServices';
import { parseInput } from '@internal/plugin-mlp-node';

/** Bodies are a few fields and two paragraphs at most. */
const BODY_LIMIT = '64kb';

const requestId = z.string().uuid('must be a request id (a UUID)');
const teamParam = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a team name such as nlp-team',
  );

export function createRouter(options: {
  httpAuth: HttpAuthService;
  services: Pick<GpuQuotaServices, 'quotas' | 'requests'>;
}): express.Router {
  const {
    httpAuth,
    services: { quotas, requests },
  } = options;
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/teams', async (req, res) => {
    res.json(await quotas.overview(await httpAuth.credentials(req)));
  });

  router.get('/teams/:team', async (req, res) => {
    const team = parseInput(teamParam, req.params.team, 'team in the path');
    res.json(await quotas.team(await httpAuth.credentials(req), team));
  });

  router.get('/me', async (req, res) => {
    res.json(await quotas.me(await user(req)));
  });

  router.get('/requests', async (req, res) => {
    const filter = parseInput(listRequestsQuerySchema, req.query, 'query');
    res.json({
      requests: await requests.listRequests(
        await httpAuth.credentials(req),
        filter,
      ),
    });
  });

  router.post('/requests', async (req, res) => {
    const body = parseInput(createQuotaRequestSchema, req.body, 'request body');
    res.status(201).json(await requests.createRequest(await user(req), body));
  });

  router.post('/requests/:id/approve', async (req, res) => {
    const id = parseInput(requestId, req.params.id, 'request id in the path');
    const { comment } = parseInput(decisionSchema, req.body, 'request body');
    res.json(await requests.approve(await user(req), id, comment || undefined));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const id = parseInput(requestId, req.params.id, 'request id in the path');
    const { comment } = parseInput(rejectionSchema, req.body, 'request body');
    res.json(await requests.reject(await user(req), id, comment));
  });

  router.post('/requests/:id/cancel', async (req, res) => {
    const id = parseInput(requestId, req.params.id, 'request id in the path');
    const { comment } = parseInput(decisionSchema, req.body, 'request body');
    res.json(await requests.cancel(await user(req), id, comment || undefined));
  });

  router.get('/audit', async (req, res) => {
    const { format, ...filter } = parseInput(
      auditQuerySchema,
      req.query,
      'query',
    );
    const events = await requests.audit(
      await httpAuth.credentials(req),
      filter,
    );
    if (format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(
          `gpu-quota-audit${filter.team ? `-${filter.team}` : ''}.csv`,
        )
        .send(auditCsv(events));
      return;
    }
    res.json({ events });
  });

  // body-parser's own errors say "request entity too large"; say which limit and what to do.
  const bodyErrors: ErrorRequestHandler = (error, _req, _res, next) => {
    if (error?.type === 'entity.too.large') {
      next(
        new PayloadTooLargeError(
          `The request body is over ${BODY_LIMIT}: a justification or comment may be at most 2000 characters; link to a document for more`,
        ),
      );
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      next(
        new InputError(`The request body is not valid JSON: ${error.message}`),
      );
      return;
    }
    next(error);
  };
  router.use(bodyErrors);
  return router;
}
