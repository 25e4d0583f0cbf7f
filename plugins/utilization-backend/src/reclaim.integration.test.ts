// Idle reclaim end to end on the local services: training jobs submitted through the real jobs
// plugin run on KWOK's simulated GPU nodes; their GPUs report the utilization their simulation
// asks for (the local GPU metrics exporter), the real Prometheus scrapes it every 5 s, and the
// reclaim pass (run here when the test says, instead of on its schedule) reads it from there.
// Nothing here writes a pod's or a workflow's status. Notifications are captured as sent.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  type SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  localCluster,
  servicesConfig,
} from '@internal/plugin-mlp-kube-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  core,
  createTeam,
  custom,
  jobBase,
  podsOf,
  SCIENTIST,
  startJobsBackend,
  until,
} from '@internal/plugin-jobs-backend/testUtils';
import type { IdleNotice } from '@internal/plugin-utilization-common';
import {
  GpuUtilizationReader,
  readUtilizationSettings,
} from '@internal/plugin-utilization-node';
import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { utilizationPlugin } from './plugin';
import { IdleReclaimer } from './services/IdleReclaimer';
import { JobStopper } from './services/JobStopper';
import { DatabaseIdleStore } from './store/DatabaseIdleStore';

jest.setTimeout(300_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const KEEPER = 'user:default/morgan.lee';
const team = `idle-${randomBytes(3).toString('hex')}`;
const month = new Date().toISOString().slice(0, 7);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const sent: Array<{ recipients: unknown; payload: Record<string, string> }> =
  [];
const scheduler = mockServices.scheduler.mock();
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

/** One reclaim pass, as the schedule would run it. */
async function pass() {
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'utilization-idle-reclaim',
  );
  if (!task) throw new Error('the idle reclaim task was not scheduled');
  await (task[0].fn as SchedulerServiceTaskFunction)(
    new AbortController().signal,
  );
}

async function notices(): Promise<IdleNotice[]> {
  const res = await portal
    .as(SCIENTIST)
    .get(`/api/utilization/notices?team=${team}`);
  expect(res.status).toBe(200);
  return res.body.notices;
}
const noticeOf = async (job: string) =>
  (await notices()).find(n => n.workload === job);

/** Submits a job that runs 10 min with its GPUs at `gpuUtil` %, and waits until it runs. */
async function runningJob(name: string, gpuUtil: number) {
  const id = await portal.submit({
    ...jobBase(team),
    name,
    project: name,
    gpus: 1,
    // On the A100 nodes: the jobs plugin's tests need an L4 node free meanwhile.
    gpuProduct: 'NVIDIA-A100-SXM4-80GB',
    simulate: { runtime: '10m', gpuUtil },
  });
  await until(`${name} running`, async () => {
    const [pod] = await podsOf(team, id);
    return pod?.phase === 'Running' ? pod : undefined;
  });
  return id;
}

beforeAll(async () => {
  await createTeam(team, 8, 4);
  portal = await startJobsBackend(team, {
    features: [
      utilizationPlugin,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (n: any) => {
            sent.push(n);
          },
        }),
      }),
    ],
    scheduler,
    groups: { [KEEPER]: ['group:default/platform-team'] },
    // Keepers may do everything; scientists all but setting idle policies.
    allow: (user, permission) =>
      user === KEEPER || permission !== 'utilization.idle-policy.set',
  });
  const budget = await portal
    .as(KEEPER)
    .put(`/api/cost/budgets/${team}`, { month, amount: 500 });
  if (budget.status !== 200) throw new Error(`budget: ${budget.text}`);
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

it('only a keeper sets an idle policy, and a bad one is refused naming the field', async () => {
  const policy = {
    idleBelowPercent: 10,
    windowMinutes: 0.5,
    graceMinutes: 0.25,
    snoozeMinutes: 0.5,
    maxSnoozes: 1,
  };
  const refused = await portal
    .as(SCIENTIST)
    .put(`/api/utilization/policies/${team}`, policy);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toMatch(
    /^Only platform keepers set idle policies/,
  );
  const bad = await portal
    .as(KEEPER)
    .put(`/api/utilization/policies/${team}`, { ...policy, graceMinutes: -1 });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(
    /graceMinutes: must be 0 to 1440 minutes \(notice before it is stopped\)/,
  );
  const set = await portal
    .as(KEEPER)
    .put(`/api/utilization/policies/${team}`, policy);
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ team, ...policy, updatedBy: KEEPER });
  const read = await portal
    .as(SCIENTIST)
    .get(`/api/utilization/policies/${team}`);
  expect(read.body.policy).toEqual(set.body);
});

it('stops an idle job after the grace and bills it only until then; a busy one is untouched', async () => {
  const idle = await runningJob('forgotten', 3);
  const idleStart = (await podsOf(team, idle))[0].start;
  const busy = await runningJob('training', 85);
  // Not idle for the whole window yet: nothing happens.
  await pass();
  expect(await notices()).toEqual([]);

  await sleep(36_000);
  await pass();
  const notice = await noticeOf(idle);
  expect(notice).toMatchObject({
    team,
    kind: 'job',
    workload: idle,
    owner: SCIENTIST,
    state: 'notified',
    averagePercent: 3,
    gpus: 1,
    snoozes: 0,
  });
  expect(Date.parse(notice!.stopAt) - Date.parse(notice!.notifiedAt)).toBe(
    15_000,
  );
  expect(await noticeOf(busy)).toBeUndefined();
  expect(sent).toEqual([
    {
      recipients: { type: 'entity', entityRef: [SCIENTIST] },
      payload: expect.objectContaining({
        title: expect.stringMatching(
          new RegExp(
            `^Job ${idle} has idle GPUs: it stops at \\d\\d:\\d\\d UTC$`,
          ),
        ),
        link: `/gpu-idle?team=${team}`,
        severity: 'high',
        topic: 'gpu-idle',
      }),
    },
  ]);
  // Within the grace: still running.
  await pass();
  expect((await noticeOf(idle))!.state).toBe('notified');
  expect((await podsOf(team, idle))[0].phase).toBe('Running');

  const reservedBefore = (
    await portal.as(SCIENTIST).get(`/api/cost/teams/${team}/budget-status`)
  ).body.reserved;
  await sleep(Date.parse(notice!.stopAt) - Date.now() + 500);
  await pass();
  const stopped = await noticeOf(idle);
  expect(stopped).toMatchObject({ state: 'stopped' });
  const stoppedAt = Date.parse(stopped!.closedAt!);
  // Stopped, not deleted: the Workflow is there, told to stop; its pod is gone.
  const wf = (await custom.getNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: team,
    plural: 'workflows',
    name: idle,
  })) as { spec: { shutdown?: string } };
  expect(wf.spec.shutdown).toBe('Stop');
  await until('its pod gone', async () =>
    (await podsOf(team, idle)).length === 0 ? true : undefined,
  );
  expect((await podsOf(team, busy))[0].phase).toBe('Running');
  expect(await noticeOf(busy)).toBeUndefined();
  // The jobs page still lists it, ended, with Argo's word for it.
  const ended = await until('the job ended', async () => {
    const res = await portal.as(SCIENTIST).get(`/api/jobs/${idle}`);
    return res.status === 200 && ['Failed', 'Error'].includes(res.body.phase)
      ? res.body
      : undefined;
  });
  expect(ended.message).toBeTruthy();

  // Billed until it was stopped: the ledger's GPU-hours of its project end there and stay.
  const line = await until('its cost line closed', async () => {
    const l = await portal.costOf('forgotten');
    return l ? l : undefined;
  });
  const billedSeconds = line.gpuHours * 3600;
  const ranSeconds = (stoppedAt - idleStart.getTime()) / 1000;
  expect(billedSeconds).toBeGreaterThan(ranSeconds - 5);
  expect(billedSeconds).toBeLessThan(ranSeconds + 5);
  await sleep(3000);
  expect((await portal.costOf('forgotten'))!.gpuHours).toBe(line.gpuHours);
  // Its reservation was given back.
  const reservedAfter = (
    await portal.as(SCIENTIST).get(`/api/cost/teams/${team}/budget-status`)
  ).body.reserved;
  expect(reservedAfter).toBeLessThan(reservedBefore);

  // The audit trail, newest first.
  const events = (
    await portal.as(SCIENTIST).get(`/api/utilization/teams/${team}/events`)
  ).body.events;
  expect(
    events.map((e: { action: string; actor: string; workload: string }) => [
      e.action,
      e.actor,
      e.workload,
    ]),
  ).toEqual([
    ['stopped', 'idle-reclaim', idle],
    ['notified', 'idle-reclaim', idle],
  ]);
  expect(sent.at(-1)!.payload.title).toBe(`Idle job ${idle} was stopped`);
  await portal.as(SCIENTIST).delete(`/api/jobs/${busy}`);
});

it('honours "keep it running" up to the limit, then the owner stops it now', async () => {
  const idle = await runningJob('late-night-notebook', 2);
  await sleep(36_000);
  await pass();
  const notice = (await noticeOf(idle))!;
  expect(notice.state).toBe('notified');

  const kept = await portal
    .as(SCIENTIST)
    .post(`/api/utilization/notices/${notice.id}/keep`, {});
  expect(kept.status).toBe(200);
  expect(kept.body).toMatchObject({ state: 'snoozed', snoozes: 1 });
  // Past the grace, but kept: not stopped.
  await sleep(Math.max(0, Date.parse(notice.stopAt) - Date.now()) + 1000);
  await pass();
  expect((await noticeOf(idle))!.state).toBe('snoozed');
  expect((await podsOf(team, idle))[0].phase).toBe('Running');

  // The snooze ends while it is still idle: a new notice and a new grace.
  await sleep(Date.parse(kept.body.snoozedUntil) - Date.now() + 500);
  await pass();
  const again = (await noticeOf(idle))!;
  expect(again).toMatchObject({ id: notice.id, state: 'notified', snoozes: 1 });
  // The policy allows one snooze.
  const refused = await portal
    .as(SCIENTIST)
    .post(`/api/utilization/notices/${notice.id}/keep`, {});
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toBe(
    `${idle} was kept running 1 time, the most ${team}'s idle policy allows: make its GPUs busy, stop it, or ask a platform keeper to change the policy`,
  );
  const stop = await portal
    .as(SCIENTIST)
    .post(`/api/utilization/notices/${notice.id}/stop`, {});
  expect(stop.status).toBe(200);
  expect(stop.body.state).toBe('stopped');
  await until('its pod gone', async () =>
    (await podsOf(team, idle)).length === 0 ? true : undefined,
  );
  const events = (
    await portal.as(SCIENTIST).get(`/api/utilization/teams/${team}/events`)
  ).body.events.filter((e: { workload: string }) => e.workload === idle);
  expect(events.map((e: { action: string }) => e.action)).toEqual([
    'stopped',
    'notified',
    'snoozed',
    'notified',
  ]);
  expect(events[0].actor).toBe(SCIENTIST);
  expect(events[2].actor).toBe(SCIENTIST);
  // A closed notice cannot be kept or stopped again.
  const closed = await portal
    .as(SCIENTIST)
    .post(`/api/utilization/notices/${notice.id}/stop`, {});
  expect(closed.status).toBe(409);
});

it('stops nothing when Prometheus does not answer', async () => {
  const idle = await runningJob('blind-spot', 1);
  await sleep(36_000);
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseIdleStore.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
  });
  await store.setPolicy({
    team,
    idleBelowPercent: 10,
    windowMinutes: 0.5,
    graceMinutes: 0,
    snoozeMinutes: 1,
    maxSnoozes: 0,
    updatedBy: KEEPER,
    updatedAt: new Date().toISOString(),
  });
  const kube = new KubeHttp(localCluster());
  const stop = jest.fn();
  const reclaimer = new IdleReclaimer({
    kube,
    store,
    reader: new GpuUtilizationReader(
      readUtilizationSettings(
        new ConfigReader({
          utilization: {
            ...servicesConfig().getConfig('utilization').get<object>(),
            prometheus: { baseUrl: 'http://127.0.0.1:39' },
          },
        }),
      ),
    ),
    stopper: { stop } as unknown as JobStopper,
    notifications: { send: jest.fn() },
    logger: mockServices.logger.mock(),
  });
  expect(await reclaimer.pass()).toEqual({
    notified: [],
    stopped: [],
    resolved: [],
    unmeasured: [team],
    failed: [],
  });
  expect(stop).not.toHaveBeenCalled();
  expect(await store.openNotices(team)).toEqual([]);
  expect((await podsOf(team, idle))[0].phase).toBe('Running');
  await portal.as(SCIENTIST).delete(`/api/jobs/${idle}`);
});
