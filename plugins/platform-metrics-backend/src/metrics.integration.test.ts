// Platform metrics over jobs that really run on the local cluster (Argo's controller, the
// scheduler and KWOK's simulated GPU nodes), submitted through the real jobs API by several users
// of two teams of the test's own, one of whom signs in first through the real auth backend. Every
// figure is compared with a count made here from what the jobs API and the pods say.
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
// The plugins whose records the metrics read (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import authModuleMlpCli from '@internal/plugin-auth-backend-module-mlp-cli';
// The jobs plugin's test backend, with the GPU quota and cost plugins it relies on.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  core,
  createTeam,
  jobBase,
  startJobsBackend,
  until,
} from '@internal/plugin-jobs-backend/testUtils';
import request from 'supertest';
import { platformMetricsPlugin } from './plugin';

jest.setTimeout(300_000);

const suffix = Math.random().toString(16).slice(2, 8);
const teamA = `pm-a-${suffix}`;
const teamB = `pm-b-${suffix}`;
const ada = 'user:default/pm-ada';
const bo = 'user:default/pm-bo';
const cy = 'user:default/pm-cy';
const idle = 'user:default/pm-idle';
const robot = 'user:default/pm-ci';
const keeper = 'user:default/pm-keeper';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const user = (ref: string, team: string, tags: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default', tags },
  spec: { memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
});

const scheduler = mockServices.scheduler();
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

beforeAll(async () => {
  await createTeam(teamA, 8, 8);
  await createTeam(teamB, 8, 8);
  portal = await startJobsBackend(teamA, {
    scheduler,
    features: [
      authPlugin,
      authModuleMlpCli,
      platformMetricsPlugin,
      catalogServiceMock.factory({
        entities: [
          group(teamA),
          group(teamB),
          group('platform-team'),
          user(ada, teamA),
          user(bo, teamA),
          user(idle, teamA),
          user(robot, teamA, ['service-account']),
          user(cy, teamB),
          user(keeper, 'platform-team'),
        ],
      }),
    ],
    groups: {
      [ada]: [`group:default/${teamA}`],
      [bo]: [`group:default/${teamA}`],
      [cy]: [`group:default/${teamB}`],
      [keeper]: ['group:default/platform-team'],
    },
    // The portal's policy in short: keepers only read the metrics and make service tokens.
    allow: (who, permission) =>
      !['platform-metrics.read', 'cli-access.manage'].includes(permission) ||
      who === keeper,
    config: {
      app: { baseUrl: 'http://localhost:3000' },
      auth: { providers: { mlpServiceToken: {} } },
      permission: { adminGroups: ['group:default/platform-team'] },
    },
  });
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: teamA }).catch(() => undefined);
  await core.deleteNamespace({ name: teamB }).catch(() => undefined);
});

/** Signs `who` in through the auth backend (a service token's sign-in provider). */
async function signIn(who: string) {
  const made = await portal
    .as(keeper)
    .post('/api/auth/mlp-cli/service-tokens', {
      user: who,
      name: 'sign-in',
      days: 1,
    });
  expect(made.status).toBe(201);
  const signedIn = await request(portal.backend.server)
    .get('/api/auth/mlpServiceToken/refresh')
    .set('x-mlp-service-token', made.body.token);
  expect(signedIn.status).toBe(200);
}

async function submit(who: string, job: object): Promise<string> {
  const res = await portal.as(who).post('/api/jobs', job);
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.body.job.id;
}

const ended = (id: string, who: string) =>
  until(`${id} ended`, async () => {
    const job = (await portal.as(who).get(`/api/jobs/${id}`)).body;
    return ['Succeeded', 'Failed', 'Error'].includes(job.phase)
      ? job
      : undefined;
  });

it('counts jobs, GPU-hours, queue wait, time to first job and adoption from real jobs, for keepers only', async () => {
  await signIn(ada);
  const a1 = await submit(ada, {
    ...jobBase(teamA),
    name: 'ada-train',
    gpus: 1,
    simulate: { runtime: '6s' },
  });
  const b1 = await submit(bo, {
    ...jobBase(teamA),
    name: 'bo-train',
    gpus: 2,
    simulate: { runtime: '4s', exitCode: 3, failure: 'CUDA out of memory' },
  });
  const c1 = await submit(cy, {
    ...jobBase(teamB),
    name: 'cy-train',
    gpus: 1,
    simulate: { runtime: '5s' },
  });
  const c2 = await submit(cy, {
    ...jobBase(teamB),
    name: 'cy-cancelled',
    gpus: 1,
    simulate: { runtime: '10m' },
  });
  // Recorded Pending at once; a pass while they run; then the cancel, which records it ended.
  await until('cy-cancelled running', async () => {
    const job = (await portal.as(cy).get(`/api/jobs/${c2}`)).body;
    return job.phase === 'Running' ? job : undefined;
  });
  await scheduler.triggerTask('jobs-records');
  const cancelled = await portal.as(cy).delete(`/api/jobs/${c2}`);
  expect(cancelled.status).toBe(200);

  const jobs = {
    a1: await ended(a1, ada),
    b1: await ended(b1, bo),
    c1: await ended(c1, cy),
  };
  expect(jobs.a1.phase).toBe('Succeeded');
  expect(jobs.b1.phase).toBe('Failed');
  expect(jobs.c1.phase).toBe('Succeeded');
  // The pass that sees them ended.
  await scheduler.triggerTask('jobs-records');

  const res = await portal
    .as(keeper)
    .get('/api/platform-metrics/summary?days=7');
  expect(res.status).toBe(200);
  const metrics = res.body;
  const team = (name: string) =>
    metrics.teams.find((t: { team: string }) => t.team === name);

  // Counted by hand from the jobs API, whose times are the pods' own.
  const wait = (j: { createdAt: string; startedAt: string }) =>
    Math.max(0, (Date.parse(j.startedAt) - Date.parse(j.createdAt)) / 1000);
  const hours = (j: { gpus: number; runtimeSeconds: number }) =>
    (j.gpus * j.runtimeSeconds) / 3600;
  expect(jobs.a1.runtimeSeconds).toBeGreaterThanOrEqual(6);
  expect(jobs.b1.runtimeSeconds).toBeGreaterThanOrEqual(4);
  expect(team(teamA)).toEqual({
    team: teamA,
    submitted: 2,
    succeeded: 1,
    failed: 1,
    cancelled: 0,
    unfinished: 0,
    uniqueUsers: 2,
    gpuHours: expect.closeTo(hours(jobs.a1) + hours(jobs.b1), 4),
    averageRuntimeSeconds: expect.closeTo(
      (jobs.a1.runtimeSeconds + jobs.b1.runtimeSeconds) / 2,
      1,
    ),
    averageQueueWaitSeconds: expect.closeTo(
      (wait(jobs.a1) + wait(jobs.b1)) / 2,
      1,
    ),
    medianQueueWaitSeconds: expect.closeTo(
      (wait(jobs.a1) + wait(jobs.b1)) / 2,
      1,
    ),
    // ada, bo and idle; the CI service account is no person.
    members: 3,
    adopters: 2,
    adoptionRate: 0.6667,
  });
  const cancelledJob = cancelled.body.job;
  expect(team(teamB)).toMatchObject({
    submitted: 2,
    succeeded: 1,
    failed: 0,
    cancelled: 1,
    unfinished: 0,
    uniqueUsers: 1,
    gpuHours: expect.closeTo(hours(jobs.c1) + hours(cancelledJob), 4),
    averageRuntimeSeconds: jobs.c1.runtimeSeconds,
    members: 1,
    adopters: 1,
    adoptionRate: 1,
  });

  // ada signed in first: from then to her first job's first pod on a node.
  const newcomer = metrics.newUsers.find(
    (u: { userEntityRef: string }) => u.userEntityRef === ada,
  );
  expect(newcomer.firstRunningAt).toBe(
    new Date(jobs.a1.startedAt).toISOString(),
  );
  expect(newcomer.seconds).toBe(
    Math.round(
      (Date.parse(jobs.a1.startedAt) - Date.parse(newcomer.firstSignInAt)) /
        1000,
    ),
  );
  expect(newcomer.seconds).toBeGreaterThanOrEqual(0);
  expect(newcomer.seconds).toBeLessThan(120);
  // The CI service account signs in too, and is no new person.
  await signIn(robot);
  await until('the robot’s sign-in recorded', async () => {
    const listed = await request(portal.backend.server)
      .get('/api/auth/mlp-cli/sign-ins')
      .set('Authorization', mockCredentials.service.header());
    return listed.body.signIns.some(
      (s: { userEntityRef: string }) => s.userEntityRef === robot,
    )
      ? true
      : undefined;
  });
  const again = await portal
    .as(keeper)
    .get('/api/platform-metrics/summary?days=7');
  expect(
    again.body.newUsers.map((u: { userEntityRef: string }) => u.userEntityRef),
  ).not.toContain(robot);

  // The weeks add up to the window.
  const weekSum = metrics.weeks.reduce(
    (s: number, w: { submitted: number }) => s + w.submitted,
    0,
  );
  expect(weekSum).toBe(metrics.overall.submitted);

  const csv = await portal
    .as(keeper)
    .get('/api/platform-metrics/summary.csv?days=7');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/text\/csv/);
  expect(csv.text).toContain(`\r\nteam,${teamA},2,1,1,0,0,2,`);

  // A scientist is refused, and a bad window names the parameter.
  const refused = await portal.as(ada).get('/api/platform-metrics/summary');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe(
    'Only platform keepers see the platform metrics (permission platform-metrics.read)',
  );
  const bad = await portal
    .as(keeper)
    .get('/api/platform-metrics/summary?days=5');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/days/);
  expect(bad.body.error.message).toMatch(/7, 30 or 90/);
  // The records themselves are for other plugins only.
  const records = await portal
    .as(keeper)
    .get('/api/jobs/records?since=2026-01-01T00:00:00Z');
  expect(records.status).toBe(403);
  const asService = await request(portal.backend.server)
    .get('/api/jobs/records?since=2026-01-01T00:00:00Z')
    .set('Authorization', mockCredentials.service.header());
  expect(asService.status).toBe(200);
});
