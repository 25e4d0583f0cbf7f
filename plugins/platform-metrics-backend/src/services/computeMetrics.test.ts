import type { JobRecord } from '@internal/plugin-jobs-common';
import { computeMetrics } from './computeMetrics';

const now = new Date('2026-12-10T12:00:00.000Z'); // a Thursday
const job = (
  id: string,
  r: Partial<JobRecord> & { createdAt: string },
): JobRecord => ({
  id,
  team: 'nlp-team',
  submittedBy: 'user:default/ann',
  gpus: 1,
  gpuResource: 'nvidia.com/gpu',
  phase: 'Succeeded',
  runtimeSeconds: 0,
  cost: 0,
  currency: 'EUR',
  updatedAt: now.toISOString(),
  ...r,
});

const records: JobRecord[] = [
  // Before the 7-day window (it starts 2026-12-03T12:00Z): left out.
  job('old', { createdAt: '2026-12-03T11:59:59.000Z', runtimeSeconds: 3600 }),
  // ann: 2 GPUs for 30 min after a 60 s wait; Succeeded.
  job('a1', {
    createdAt: '2026-12-04T10:00:00.000Z',
    startedAt: '2026-12-04T10:01:00.000Z',
    finishedAt: '2026-12-04T10:31:00.000Z',
    gpus: 2,
    runtimeSeconds: 1800,
  }),
  // ann: 1 GPU, 10 min, failed after a 20 s wait.
  job('a2', {
    createdAt: '2026-12-08T09:00:00.000Z',
    startedAt: '2026-12-08T09:00:20.000Z',
    phase: 'Failed',
    runtimeSeconds: 600,
  }),
  // ben (vision-team): 4 GPUs, running for 15 min so far after a 100 s wait.
  job('b1', {
    team: 'vision-team',
    submittedBy: 'user:default/ben',
    createdAt: '2026-12-10T11:00:00.000Z',
    startedAt: '2026-12-10T11:01:40.000Z',
    phase: 'Running',
    gpus: 4,
    runtimeSeconds: 900,
  }),
  // ben: cancelled while waiting; never ran.
  job('b2', {
    team: 'vision-team',
    submittedBy: 'user:default/ben',
    createdAt: '2026-12-09T08:00:00.000Z',
    phase: 'Cancelled',
  }),
];

const teams = {
  'nlp-team': ['user:default/ann', 'user:default/ada'],
  'vision-team': ['user:default/ben'],
  'tabular-team': ['user:default/tia'],
};

describe('computeMetrics', () => {
  const metrics = computeMetrics({
    records,
    signIns: [
      // Signed in before the window: not new.
      {
        userEntityRef: 'user:default/ann',
        firstAt: '2026-11-01T00:00:00.000Z',
        lastAt: now.toISOString(),
        count: 9,
      },
      // New: first job Running 101 min 40 s later.
      {
        userEntityRef: 'user:default/ben',
        firstAt: '2026-12-09T07:00:00.000Z',
        lastAt: now.toISOString(),
        count: 2,
      },
      // New, no job yet.
      {
        userEntityRef: 'user:default/tia',
        firstAt: '2026-12-10T08:00:00.000Z',
        lastAt: now.toISOString(),
        count: 1,
      },
    ],
    teams,
    days: 7,
    now,
  });

  it('counts the window’s jobs overall, by hand', () => {
    expect(metrics.from).toBe('2026-12-03T12:00:00.000Z');
    expect(metrics.overall).toEqual({
      submitted: 4,
      succeeded: 1,
      failed: 1,
      cancelled: 1,
      unfinished: 1,
      uniqueUsers: 2,
      // 2 × 0.5 h + 1 × 1/6 h + 4 × 0.25 h
      gpuHours: 2.1667,
      // the two that ended after running: (1800 + 600) / 2
      averageRuntimeSeconds: 1200,
      // waits 60, 20 and 100 s
      averageQueueWaitSeconds: 60,
      medianQueueWaitSeconds: 60,
      // ann, ada, ben, tia; ann and ben ran a job
      members: 4,
      adopters: 2,
      adoptionRate: 0.5,
      medianTimeToFirstJobSeconds: 100_900,
    });
  });

  it('splits by team, with teams that ran nothing', () => {
    expect(metrics.teams.map(t => t.team)).toEqual([
      'nlp-team',
      'tabular-team',
      'vision-team',
    ]);
    expect(metrics.teams[0]).toMatchObject({
      submitted: 2,
      uniqueUsers: 1,
      gpuHours: 1.1667,
      members: 2,
      adopters: 1,
      adoptionRate: 0.5,
    });
    expect(metrics.teams[1]).toEqual({
      team: 'tabular-team',
      submitted: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      unfinished: 0,
      uniqueUsers: 0,
      gpuHours: 0,
      members: 1,
      adopters: 0,
      adoptionRate: 0,
    });
    expect(metrics.teams[2]).toMatchObject({
      submitted: 2,
      cancelled: 1,
      unfinished: 1,
      gpuHours: 1,
      averageQueueWaitSeconds: 100,
      adopters: 1,
    });
    expect(metrics.teams[2].averageRuntimeSeconds).toBeUndefined();
  });

  it('says when each new user’s first job ran', () => {
    expect(metrics.newUsers).toEqual([
      {
        userEntityRef: 'user:default/ben',
        firstSignInAt: '2026-12-09T07:00:00.000Z',
        firstRunningAt: '2026-12-10T11:01:40.000Z',
        seconds: 100_900,
      },
      {
        userEntityRef: 'user:default/tia',
        firstSignInAt: '2026-12-10T08:00:00.000Z',
      },
    ]);
  });

  it('cuts the window into weeks from Monday', () => {
    expect(metrics.weeks.map(w => [w.week, w.submitted, w.gpuHours])).toEqual([
      // Thursday 3 Dec 12:00 to Monday 7 Dec: a1
      ['2026-11-30', 1, 1],
      // Monday 7 Dec to now: a2, b2, b1
      ['2026-12-07', 3, 1.1667],
    ]);
  });

  it('counts the workspaces created or started in the window, when Coder can say', () => {
    const use = (
      workspaceId: string,
      userEntityRef: string,
      at: string,
      team?: string,
    ) => ({
      workspaceId,
      workspaceName: workspaceId,
      userEntityRef,
      ...(team ? { team } : {}),
      gpus: team ? 1 : 0,
      action: 'start' as const,
      at,
    });
    const withWorkspaces = computeMetrics({
      records,
      signIns: [],
      teams,
      workspaceUses: [
        // Before the window: left out.
        use(
          'old',
          'user:default/ben',
          '2026-12-01T00:00:00.000Z',
          'vision-team',
        ),
        // ann's GPU workspace, made then started again: one workspace.
        use('ws1', 'user:default/ann', '2026-12-04T09:00:00.000Z', 'nlp-team'),
        use('ws1', 'user:default/ann', '2026-12-08T09:00:00.000Z', 'nlp-team'),
        // tia's CPU notebook: no team's GPUs.
        use('ws3', 'user:default/tia', '2026-12-09T09:00:00.000Z'),
      ],
      days: 7,
      now,
    });
    expect(withWorkspaces.overall).toMatchObject({
      workspacesUsed: 2,
      workspaceUsers: 2,
    });
    const team = (name: string) =>
      withWorkspaces.teams.find(t => t.team === name);
    expect(team('nlp-team')).toMatchObject({
      workspacesUsed: 1,
      workspaceUsers: 1,
    });
    expect(team('vision-team')).toMatchObject({
      workspacesUsed: 0,
      workspaceUsers: 0,
    });
    expect(withWorkspaces.weeks.map(w => [w.week, w.workspacesUsed])).toEqual([
      ['2026-11-30', 1],
      ['2026-12-07', 2],
    ]);
    // Without Coder's answer the figure is left out, not zero.
    expect(metrics.overall.workspacesUsed).toBeUndefined();
  });

  it('counts no service account as a new user', () => {
    const withRobot = computeMetrics({
      records,
      signIns: [
        {
          userEntityRef: 'user:default/nlp-ci',
          firstAt: '2026-12-09T07:00:00.000Z',
          lastAt: '2026-12-09T07:00:00.000Z',
          count: 1,
        },
      ],
      teams,
      serviceAccounts: ['user:default/nlp-ci'],
      days: 7,
      now,
    });
    expect(withRobot.newUsers).toEqual([]);
  });

  it('leaves out a job that ran before the first sign-in', () => {
    const early = computeMetrics({
      records: [
        job('before', {
          submittedBy: 'user:default/tia',
          createdAt: '2026-12-10T07:00:00.000Z',
          startedAt: '2026-12-10T07:00:10.000Z',
        }),
      ],
      signIns: [
        {
          userEntityRef: 'user:default/tia',
          firstAt: '2026-12-10T08:00:00.000Z',
          lastAt: '2026-12-10T08:00:00.000Z',
          count: 1,
        },
      ],
      teams,
      days: 7,
      now,
    });
    expect(early.newUsers).toEqual([
      {
        userEntityRef: 'user:default/tia',
        firstSignInAt: '2026-12-10T08:00:00.000Z',
      },
    ]);
    expect(early.overall.medianTimeToFirstJobSeconds).toBeUndefined();
  });
});
