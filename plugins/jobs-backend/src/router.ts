import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  jobIdSchema,
  jobRecordsQuerySchema,
  jobsReadPermission,
  jobsSubmitPermission,
  jobSubmissionSchema,
  listJobsQuerySchema,
} from '@internal/plugin-jobs-common';
import {
  authorizedUser,
  parseInput,
  ServiceUnavailableError,
} from '@internal/plugin-mlp-node';
import express from 'express';
import Router from 'express-promise-router';
import type { JobRecordStore } from './records/JobRecordStore';
import { JobService } from './services/JobService';

/** /api/jobs: training jobs of the signed-in user's teams (also what the mlp CLI calls). */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: JobService;
  records?: JobRecordStore;
}): express.Router {
  const { httpAuth, permissions, service, records } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const user = (req: express.Request, permission: BasicPermission) =>
    authorizedUser(
      { httpAuth, permissions },
      req,
      permission,
      'You may not do this with training jobs',
    );
  const idOf = (req: express.Request) =>
    parseInput(jobIdSchema, req.params.id, 'job id');

  router.post('/', async (req, res) => {
    const credentials = await user(req, jobsSubmitPermission);
    const job = parseInput(jobSubmissionSchema, req.body, 'job');
    res.status(201).json(await service.submit(credentials, job));
  });

  router.get('/', async (req, res) => {
    const credentials = await user(req, jobsReadPermission);
    const { team } = parseInput(
      listJobsQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    res.json({ jobs: await service.list(credentials, team) });
  });

  // The portal's records of jobs, for other plugins (platform metrics): service calls only.
  router.get('/records', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { since, ids } = parseInput(
      jobRecordsQuerySchema,
      req.query,
      'query',
      'parameter',
    );
    if (!records) {
      throw new ServiceUnavailableError('the jobs plugin keeps no records');
    }
    res.json({
      records: ids ? await records.byIds(ids) : await records.since(since!),
    });
  });

  router.get('/:id', async (req, res) => {
    const credentials = await user(req, jobsReadPermission);
    res.json(await service.get(credentials, idOf(req)));
  });

  router.get('/:id/logs', async (req, res) => {
    const credentials = await user(req, jobsReadPermission);
    res
      .type('text/plain; charset=utf-8')
      .send(await service.logs(credentials, idOf(req)));
  });

  router.delete('/:id', async (req, res) => {
    const credentials = await user(req, jobsSubmitPermission);
    res.json({ job: await service.cancel(credentials, idOf(req)) });
  });

  return router;
}
