// Times the onboarding template through the scaffolder API (see bench/scaffolder.sh).
import { api, eventually, guestToken } from '../e2e/api.mjs';

const base = process.env.BENCH_BACKEND_URL;
const runs = Number(process.argv[2] ?? 5);
// Wait for the catalog first: the guest's groups are resolved from it at sign-in.
const first = await guestToken(base);
await eventually(
  async () =>
    (
      await api(
        '/api/catalog/entities/by-name/template/default/onboard-ml-team',
        {
          token: first.token,
          base,
        },
      )
    ).status === 200 &&
    (
      await api('/api/catalog/entities/by-name/group/default/nlp-team', {
        token: first.token,
        base,
      })
    ).status === 200,
  { timeoutMs: 180_000, intervalMs: 1_000 },
);
const { token } = await guestToken(base);

const team = `bench-${Date.now().toString(36)}`;
async function onboard() {
  const start = performance.now();
  const created = await api('/api/scaffolder/v2/tasks', {
    token,
    base,
    method: 'POST',
    body: {
      templateRef: 'template:default/onboard-ml-team',
      values: {
        team,
        displayName: 'Bench team',
        gpus: 8,
        maxGpusPerJob: 4,
        cpu: '64',
        memory: '256Gi',
        queueWeight: 1,
      },
    },
  });
  if (created.status !== 201)
    throw new Error(`task not created: ${JSON.stringify(created.json)}`);
  for (;;) {
    const task = await api(`/api/scaffolder/v2/tasks/${created.json.id}`, {
      token,
      base,
    });
    if (task.json.status === 'completed') return performance.now() - start;
    if (['failed', 'cancelled'].includes(task.json.status)) {
      const events = await api(
        `/api/scaffolder/v2/tasks/${created.json.id}/events`,
        { token, base },
      );
      const log = events.json.map(e => e.body.message).filter(Boolean);
      throw new Error(`task ${task.json.status}:\n${log.join('\n')}`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

const firstRun = await onboard();
const again = [];
for (let i = 0; i < runs; i++) again.push(await onboard());
again.sort((a, b) => a - b);
const ms = v => `${(v / 1000).toFixed(2)} s`;
console.log(
  `${'Onboarding template, first run (creates 6 objects + catalog Group)'.padEnd(
    70,
  )} ${ms(firstRun)}`,
);
console.log(
  `${`Onboarding template, re-run (nothing changes), median of ${runs}`.padEnd(
    70,
  )} ${ms(again[Math.floor(runs / 2)])}`,
);
console.log(
  `${'  fastest / slowest re-run'.padEnd(70)} ${ms(again[0])} / ${ms(
    again[runs - 1],
  )}`,
);
console.log(`(team ${team}; task status polled every 50 ms)`);
