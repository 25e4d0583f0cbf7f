// Test-only: the real MLflow server scripts/services.sh runs, and runs seeded into it through its
// own REST API.
import { servicesConfig } from '@internal/plugin-mlp-kube-node/testUtils';
import { randomBytes } from 'node:crypto';

export function localMlflowUrl(): string {
  return servicesConfig()
    .getConfigArray('mlflow.servers')[0]
    .getString('baseUrl');
}

async function call<T>(path: string, body: object): Promise<T> {
  const res = await fetch(`${localMlflowUrl()}/api/2.0/mlflow/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type SeededRun = { runId: string; lr: string; valLoss: number };

/**
 * A new experiment with `count` finished runs: params lr (three values), a val_loss history of
 * three steps ending at a distinct value, a team tag.
 */
export async function seedExperiment(count: number) {
  const name = `portal-test-${randomBytes(4).toString('hex')}`;
  const { experiment_id: experimentId } = await call<{
    experiment_id: string;
  }>('experiments/create', { name });
  const runs: SeededRun[] = [];
  const t0 = Date.parse('2026-11-20T10:00:00Z');
  for (let i = 0; i < count; i++) {
    const start = t0 + i * 60_000;
    const { run } = await call<{ run: { info: { run_id: string } } }>(
      'runs/create',
      {
        experiment_id: experimentId,
        run_name: `run-${String(i).padStart(2, '0')}`,
        start_time: start,
        user_id: 'amira.haddad',
        tags: [{ key: 'team', value: 'nlp-team' }],
      },
    );
    const lr = ['0.1', '0.01', '0.001'][i % 3];
    const valLoss = Number((1 / (i + 2)).toFixed(6));
    await call('runs/log-batch', {
      run_id: run.info.run_id,
      params: [{ key: 'lr', value: lr }],
      metrics: [0, 1, 2].map(step => ({
        key: 'val_loss',
        value: valLoss * (3 - step),
        timestamp: start + step * 1000,
        step,
      })),
    });
    await call('runs/update', {
      run_id: run.info.run_id,
      status: 'FINISHED',
      end_time: start + 30_000,
    });
    runs.push({ runId: run.info.run_id, lr, valLoss });
  }
  return { name, experimentId, runs };
}

/**
 * A new registered model with one version per run (in order: version 1 is runs[0]), the given
 * aliases (alias → version) and registered-model tags.
 */
export async function seedRegisteredModel(options: {
  runs: SeededRun[];
  aliases: Record<string, string>;
  tags: Record<string, string>;
}) {
  const name = `portal-test-model-${randomBytes(4).toString('hex')}`;
  await call('registered-models/create', {
    name,
    tags: Object.entries(options.tags).map(([key, value]) => ({ key, value })),
  });
  for (const run of options.runs) {
    await call('model-versions/create', {
      name,
      source: `runs:/${run.runId}/model`,
      run_id: run.runId,
    });
  }
  for (const [alias, version] of Object.entries(options.aliases)) {
    await call('registered-models/alias', { name, alias, version });
  }
  return name;
}
