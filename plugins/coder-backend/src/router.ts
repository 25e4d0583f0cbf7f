import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  buildRequestSchema,
  coderWorkspaceUsePermission,
  connectRequestSchema,
  createWorkspaceRequestSchema,
  listWorkspacesQuerySchema,
  workspaceUsesQuerySchema,
} from '@internal/plugin-coder-common';
import { assertPermitted, parseInput } from '@internal/plugin-mlp-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CoderConnections } from './services/CoderConnections';
import { WorkspaceService } from './services/WorkspaceService';
import type { WorkspaceUseStore } from './store/WorkspaceUseStore';

const workspaceId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be a Coder workspace id (a UUID)',
  );

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * /api/coder: the signed-in user's Coder connection and workspaces. Only users (not services
 * acting on their own) come in, and everything is done with the user's own Coder token.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  connections?: CoderConnections;
  workspaces?: WorkspaceService;
  uses?: WorkspaceUseStore;
  notConfigured: string;
}): express.Router {
  const { httpAuth, permissions, connections, workspaces } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const user = async (req: express.Request): Promise<UserCredentials> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await assertPermitted(
      permissions,
      credentials,
      coderWorkspaceUsePermission,
      'You may not use Coder workspaces through the portal',
    );
    return credentials;
  };

  if (!connections || !workspaces) {
    const notConfigured = {
      status: 'not-configured',
      message: options.notConfigured,
    };
    router.get(['/connection', '/workspaces'], async (req, res) => {
      await user(req);
      res.json(notConfigured);
    });
    router.use(async (req, _res) => {
      await user(req);
      throw new NotAllowedError(options.notConfigured);
    });
    return router;
  }

  router.get('/connection', async (req, res) => {
    const { principal } = await user(req);
    res.json(await connections.status(principal.userEntityRef));
  });

  router.put('/connection', async (req, res) => {
    const { principal } = await user(req);
    const { token } = parseInput(
      connectRequestSchema,
      req.body,
      'request body',
    );
    res.json(await connections.connect(principal.userEntityRef, token));
  });

  router.delete('/connection', async (req, res) => {
    const { principal } = await user(req);
    await connections.disconnect(principal.userEntityRef);
    res.status(204).end();
  });

  router.get('/templates', async (req, res) => {
    const { principal } = await user(req);
    res.json({
      templates: await workspaces.templates(principal.userEntityRef),
    });
  });

  // The portal's record of workspaces created and started, for platform metrics: service calls.
  router.get('/uses', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { since } = parseInput(
      workspaceUsesQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    res.json({ uses: (await options.uses?.since(since)) ?? [] });
  });

  router.get('/quota', async (req, res) => {
    const { principal } = await user(req);
    res.json({ quota: await workspaces.quota(principal.userEntityRef) });
  });

  router.get('/workspaces', async (req, res) => {
    const { principal } = await user(req);
    const filter = parseInput(
      listWorkspacesQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    res.json(await workspaces.list(principal.userEntityRef, filter));
  });

  router.get('/workspaces/:id', async (req, res) => {
    const { principal } = await user(req);
    const id = parseInput(workspaceId, req.params.id, 'workspace id');
    res.json(await workspaces.get(principal.userEntityRef, id));
  });

  router.post('/workspaces', async (req, res) => {
    const credentials = await user(req);
    const body = parseInput(
      createWorkspaceRequestSchema,
      req.body,
      'request body',
    );
    res
      .status(201)
      .json(
        await workspaces.create(
          credentials.principal.userEntityRef,
          credentials,
          body,
        ),
      );
  });

  router.post('/workspaces/:id/builds', async (req, res) => {
    const credentials = await user(req);
    const id = parseInput(workspaceId, req.params.id, 'workspace id');
    const body = parseInput(buildRequestSchema, req.body, 'request body');
    res
      .status(202)
      .json(
        await workspaces.build(
          credentials.principal.userEntityRef,
          credentials,
          id,
          body.transition,
          body.team,
        ),
      );
  });

  return router;
}
