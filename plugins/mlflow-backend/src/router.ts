import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mlflowReadPermission,
  runsQuerySchema,
  serverQuerySchema,
  teamRunsQuerySchema,
} from '@internal/plugin-mlflow-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MlflowService } from './service/MlflowService';
import type { TeamRuns } from './service/TeamRuns';
import { teamRunsCsv } from './service/teamRunsCsv';
import { assertPermitted, parseInput } from '@internal/plugin-mlp-node';

const runId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'must be an MLflow run id (32 hex characters)');
const metricKey = z
  .string()
  .regex(/^[\w./ -]{1,250}$/, 'must be a metric name such as val_loss');
const modelName = z.string().min(1).max(500, 'at most 500 characters');
const teamName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a team name such as nlp-team',
  )
  .max(63);

/** The optional `server` of a query, the only parameter most routes take. */
function serverOf(query: unknown): string | undefined {
  return parseInput(serverQuerySchema, query, 'query', 'parameter').server;
}

/**
 * /api/mlflow: what the browser may see of the configured MLflow servers. The browser never
 * talks to MLflow and never sees its credentials.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: MlflowService;
  teamRuns: TeamRuns;
}): express.Router {
  const { httpAuth, permissions, service, teamRuns } = options;
  const router = Router();

  router.use(async (req, _res, next) => {
    await assertPermitted(
      permissions,
      await httpAuth.credentials(req),
      mlflowReadPermission,
      'You may not read MLflow through the portal',
    );
    next();
  });

  router.get('/servers', async (_req, res) => {
    res.json({ servers: service.servers() });
  });

  router.get('/runs', async (req, res) => {
    res.json(
      await service.runs(
        parseInput(runsQuerySchema, req.query, 'query', 'parameter'),
      ),
    );
  });

  const teamRunsOf = async (req: express.Request) =>
    teamRuns.list(
      await httpAuth.credentials(req, { allow: ['user'] }),
      parseInput(teamName, req.params.team, 'team'),
      parseInput(teamRunsQuerySchema, req.query, 'query', 'parameter'),
    );
  router.get('/teams/:team/runs', async (req, res) => {
    res.json(await teamRunsOf(req));
  });
  router.get('/teams/:team/runs.csv', async (req, res) => {
    const answer = await teamRunsOf(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`${answer.team}-runs.csv`)
      .send(teamRunsCsv(answer));
  });

  router.get('/runs/:runId', async (req, res) => {
    const server = serverOf(req.query);
    res.json(
      await service.run(server, parseInput(runId, req.params.runId, 'run id')),
    );
  });

  router.get('/runs/:runId/metrics/:key', async (req, res) => {
    const server = serverOf(req.query);
    res.json(
      await service.metricHistory(
        server,
        parseInput(runId, req.params.runId, 'run id'),
        parseInput(metricKey, req.params.key, 'metric'),
      ),
    );
  });

  router.get('/models/:name', async (req, res) => {
    const server = serverOf(req.query);
    res.json(
      await service.model(
        server,
        parseInput(modelName, req.params.name, 'model'),
      ),
    );
  });

  router.get('/models/:name/champion', async (req, res) => {
    const server = serverOf(req.query);
    res.json(
      await service.champion(
        server,
        parseInput(modelName, req.params.name, 'model'),
      ),
    );
  });

  router.get('/models/:name/overview', async (req, res) => {
    const server = serverOf(req.query);
    res.json(
      await service.overview(
        server,
        parseInput(modelName, req.params.name, 'model'),
      ),
    );
  });

  return router;
}
