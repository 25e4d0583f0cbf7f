import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseInput } from '@internal/plugin-mlp-node';
import { metricsQuerySchema } from '@internal/plugin-platform-metrics-common';
import express from 'express';
import Router from 'express-promise-router';
import { metricsCsv } from './csv';
import type { PlatformMetricsService } from './services/PlatformMetricsService';

/** /api/platform-metrics: the platform's adoption figures, for platform keepers. */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  service: PlatformMetricsService;
}): express.Router {
  const { httpAuth, service } = options;
  const router = Router();

  const summary = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { days } = parseInput(
      metricsQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    return service.summary(credentials, days);
  };

  router.get('/summary', async (req, res) => {
    res.json(await summary(req));
  });

  router.get('/summary.csv', async (req, res) => {
    const metrics = await summary(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`platform-metrics-${metrics.days}d.csv`)
      .send(metricsCsv(metrics));
  });

  return router;
}
