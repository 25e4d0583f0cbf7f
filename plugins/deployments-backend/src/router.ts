import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  deploymentIdSchema,
  deploymentsCreatePermission,
  deploymentsReadPermission,
  deployRequestSchema,
  lineageQuerySchema,
  modelParamSchema,
  rejectSchema,
  rollbackSchema,
} from '@internal/plugin-deployments-common';
import { authorizedUser, parseInput } from '@internal/plugin-mlp-node';
import express from 'express';
import Router from 'express-promise-router';
import type { DeploymentService } from './services/DeploymentService';
import type { LineageService } from './services/LineageService';
import type { DeploymentStore } from './store/DeploymentStore';

/** /api/deployments: deploy model versions, approve, roll back; endpoints, lineage, audit trail. */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: DeploymentService;
  lineage: LineageService;
  store: DeploymentStore;
}): express.Router {
  const { httpAuth, permissions, service, lineage, store } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const user = (req: express.Request, permission: BasicPermission) =>
    authorizedUser(
      { httpAuth, permissions },
      req,
      permission,
      'You may not do this with model deployments',
    );
  const modelOf = (req: express.Request) =>
    parseInput(modelParamSchema, req.params.model, 'model');
  const idOf = (req: express.Request) =>
    parseInput(deploymentIdSchema, req.params.id, 'deployment id');

  router.post('/', async (req, res) => {
    const credentials = await user(req, deploymentsCreatePermission);
    const request = parseInput(deployRequestSchema, req.body, 'deployment');
    const { status, result } = await service.deploy(credentials, request);
    res.status(status).json(result);
  });

  router.get('/models/:model', async (req, res) => {
    const credentials = await user(req, deploymentsReadPermission);
    res.json(await service.model(credentials, modelOf(req)));
  });

  router.get('/models/:model/audit', async (req, res) => {
    await user(req, deploymentsReadPermission);
    res.json({ events: await service.audit(modelOf(req)) });
  });

  router.get('/models/:model/lineage', async (req, res) => {
    await user(req, deploymentsReadPermission);
    const { version } = parseInput(
      lineageQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    res.json(await lineage.lineage(modelOf(req), version));
  });

  router.post('/models/:model/rollback', async (req, res) => {
    const credentials = await user(req, deploymentsCreatePermission);
    const { environment } = parseInput(rollbackSchema, req.body, 'rollback');
    res
      .status(201)
      .json(await service.rollback(credentials, modelOf(req), environment));
  });

  router.get('/:id', async (req, res) => {
    await user(req, deploymentsReadPermission);
    const id = idOf(req);
    const deployment = await store.get(id);
    if (!deployment) throw new NotFoundError(`no deployment ${id}`);
    res.json(deployment);
  });

  router.post('/:id/approve', async (req, res) => {
    const credentials = await user(req, deploymentsCreatePermission);
    res.json(await service.approve(credentials, idOf(req)));
  });

  router.post('/:id/reject', async (req, res) => {
    const credentials = await user(req, deploymentsCreatePermission);
    const { reason } = parseInput(rejectSchema, req.body ?? {}, 'rejection');
    res.json({
      deployment: await service.reject(credentials, idOf(req), reason),
    });
  });

  return router;
}
