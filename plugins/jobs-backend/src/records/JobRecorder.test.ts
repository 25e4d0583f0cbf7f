import { mockServices } from '@backstage/backend-test-utils';
import type { Job, JobRecord } from '@internal/plugin-jobs-common';
import type { JobRecordStore } from './JobRecordStore';
import { JobRecorder } from './JobRecorder';

function memoryStore(): JobRecordStore & { rows: Map<string, JobRecord> } {
  const rows = new Map<string, JobRecord>();
  const ended = ['Succeeded', 'Failed', 'Error', 'Cancelled'];
  return {
    rows,
    save: async records => {
      for (const r of records) {
        if (!ended.includes(rows.get(r.id)?.phase ?? '')) rows.set(r.id, r);
      }
    },
    byIds: async ids => [...rows.values()].filter(r => ids.includes(r.id)),
    since: async since => [...rows.values()].filter(r => r.createdAt >= since),
    open: async () => [...rows.values()].filter(r => !ended.includes(r.phase)),
  };
}

const job = (id: string, j: Partial<Job> = {}): Job =>
  ({
    id,
    team: 'nlp-team',
    submittedBy: 'user:default/ann',
    gpus: 1,
    gpuResource: 'nvidia.com/gpu',
    createdAt: '2026-12-07T10:00:00Z',
    phase: 'Pending',
    runtimeSeconds: 0,
    costSoFar: 0,
    currency: 'EUR',
    mlflow: { experiment: 'nlp-team/train' },
    ...j,
  } as Job);

describe('JobRecorder', () => {
  const at = { now: new Date('2026-12-07T10:05:00.000Z') };
  const store = memoryStore();
  const recorder = new JobRecorder(store, mockServices.logger.mock(), {
    now: () => at.now,
  });

  it('records a pass, and a cancel as Cancelled at that moment', async () => {
    await recorder.pass(async () => [
      job('running', {
        phase: 'Running',
        startedAt: '2026-12-07T10:00:10Z',
        runtimeSeconds: 290,
      }),
      job('waiting'),
    ]);
    expect(store.rows.get('running')).toMatchObject({
      phase: 'Running',
      runtimeSeconds: 290,
      updatedAt: '2026-12-07T10:05:00.000Z',
    });
    await recorder.record(job('waiting'), true);
    expect(store.rows.get('waiting')).toMatchObject({
      phase: 'Cancelled',
      finishedAt: '2026-12-07T10:05:00.000Z',
    });
  });

  it('ends an open record whose Workflow is gone, but not one submitted as the listing ran', async () => {
    at.now = new Date('2026-12-07T10:06:00.000Z');
    await recorder.record(
      job('just-now', { createdAt: '2026-12-07T10:05:58Z' }),
    );
    const result = await recorder.pass(async () => []);
    expect(result).toEqual({ recorded: 0, gone: 1 });
    expect(store.rows.get('running')).toMatchObject({
      phase: 'Cancelled',
      finishedAt: '2026-12-07T10:06:00.000Z',
      runtimeSeconds: 290,
    });
    expect(store.rows.get('just-now')?.phase).toBe('Pending');
  });
});
