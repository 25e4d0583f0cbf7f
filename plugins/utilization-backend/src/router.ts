import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { authorizedUser, parseInput } from '@internal/plugin-mlp-node';
import {
  idleActPermission,
  idlePolicyInputSchema,
  idlePolicySetPermission,
  idleReadPermission,
} from '@internal/plugin-utilization-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { IdleService } from './services/IdleService';

const teamSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a team name such as nlp-team',
  );
const noticeIdSchema = z.string().uuid('must be the id of an idle notice');

/** /api/utilization: idle policies (set, read, removed), idle notices ("keep it running", "stop now"), audit trail. */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: IdleService;
}): express.Router {
  const { httpAuth, permissions, service } = options;
  const router = Router();
  router.use(express.json({ limit: '4kb' }));
  const user = (req: express.Request, permission: BasicPermission) =>
    authorizedUser(
      { httpAuth, permissions },
      req,
      permission,
      permission === idlePolicySetPermission
        ? 'Only platform keepers set idle policies'
        : 'You may not do this with idle GPUs',
    );
  const teamOf = (req: express.Request) =>
    parseInput(teamSchema, req.params.team, 'team');
  const idOf = (req: express.Request) =>
    parseInput(noticeIdSchema, req.params.id, 'notice id');

  router.get('/policies/:team', async (req, res) => {
    const credentials = await user(req, idleReadPermission);
    res.json({ policy: await service.policy(credentials, teamOf(req)) });
  });

  router.put('/policies/:team', async (req, res) => {
    const credentials = await user(req, idlePolicySetPermission);
    const input = parseInput(idlePolicyInputSchema, req.body, 'idle policy');
    res.json(await service.setPolicy(credentials, teamOf(req), input));
  });

  router.delete('/policies/:team', async (req, res) => {
    const credentials = await user(req, idlePolicySetPermission);
    await service.deletePolicy(credentials, teamOf(req));
    res.status(204).end();
  });

  router.get('/notices', async (req, res) => {
    const credentials = await user(req, idleReadPermission);
    const team =
      req.query.team === undefined
        ? undefined
        : parseInput(teamSchema, req.query.team, 'team');
    res.json({ notices: await service.notices(credentials, team) });
  });

  router.post('/notices/:id/keep', async (req, res) => {
    const credentials = await user(req, idleActPermission);
    res.json(await service.keep(credentials, idOf(req)));
  });

  router.post('/notices/:id/stop', async (req, res) => {
    const credentials = await user(req, idleActPermission);
    res.json(await service.stopNow(credentials, idOf(req)));
  });

  router.get('/teams/:team/events', async (req, res) => {
    const credentials = await user(req, idleReadPermission);
    res.json({ events: await service.events(credentials, teamOf(req)) });
  });

  return router;
}
