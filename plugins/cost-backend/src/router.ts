import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  budgetCheckSchema,
  rangeQuerySchema,
  setBudgetSchema,
} from '@internal/plugin-cost-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { summaryCsv } from './csv';
import type { BudgetChecks } from './services/BudgetChecks';
import { CostService } from './services/CostService';
import { parseInput } from '@internal/plugin-mlp-node';

const team = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a team name such as nlp-team',
  );
const id = z.string().uuid('must be a reservation id (a UUID)');

export function createRouter(options: {
  httpAuth: HttpAuthService;
  service: CostService;
  checks: BudgetChecks;
}): express.Router {
  const { httpAuth, service, checks } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/rates', async (_req, res) => {
    res.json(service.rates());
  });

  router.get('/teams/:team/summary', async (req, res) => {
    const name = parseInput(team, req.params.team, 'team in the path');
    const range = parseInput(rangeQuerySchema, req.query, 'query');
    const summary = await service.summary(
      await httpAuth.credentials(req),
      name,
      range,
    );
    if (range.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`gpu-cost-${name}-${range.from}-${range.to}.csv`)
        .send(summaryCsv(summary));
      return;
    }
    res.json(summary);
  });

  router.get('/teams/:team/budget-status', async (req, res) => {
    const name = parseInput(team, req.params.team, 'team in the path');
    res.json(await service.budgetStatus(await httpAuth.credentials(req), name));
  });

  router.get('/budgets/:team', async (req, res) => {
    const name = parseInput(team, req.params.team, 'team in the path');
    res.json({
      budgets: await service.budgets(await httpAuth.credentials(req), name),
    });
  });

  router.put('/budgets/:team', async (req, res) => {
    const name = parseInput(team, req.params.team, 'team in the path');
    const body = parseInput(setBudgetSchema, req.body, 'request body');
    res.json(
      await service.setBudget(
        await httpAuth.credentials(req, { allow: ['user'] }),
        name,
        body,
      ),
    );
  });

  router.post('/budget-checks', async (req, res) => {
    const body = parseInput(budgetCheckSchema, req.body, 'request body');
    res
      .status(201)
      .json(await checks.check(await httpAuth.credentials(req), body));
  });

  router.post('/reservations/:id/release', async (req, res) => {
    const reservation = parseInput(
      id,
      req.params.id,
      'reservation id in the path',
    );
    res.json(
      await checks.release(await httpAuth.credentials(req), reservation),
    );
  });

  return router;
}
