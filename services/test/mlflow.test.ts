// The local MLflow server is the real one from PyPI, seeded by training small models.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceEnv } from './services.ts';

const base = serviceEnv('MLP_MLFLOW_URL');

async function mlflow<T>(path: string, body?: object): Promise<T> {
  const res = await fetch(`${base}/api/2.0/mlflow/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.equal(
    res.status,
    200,
    `${path}: HTTP ${res.status} ${await res.clone().text()}`,
  );
  return (await res.json()) as T;
}

type RegisteredModel = {
  name: string;
  aliases?: { alias: string; version: string }[];
  tags?: { key: string; value: string }[];
};

describe('local MLflow', () => {
  test('has the catalog models registered with champion and challenger aliases and a team tag', async () => {
    const { registered_models } = await mlflow<{
      registered_models: RegisteredModel[];
    }>('registered-models/search?max_results=100');
    for (const name of [
      'support-ticket-classifier',
      'defect-detector',
      'churn-predictor',
    ]) {
      const model = registered_models.find(m => m.name === name);
      assert.ok(model, `${name} not registered`);
      assert.deepEqual(model.aliases?.map(a => a.alias).sort(), [
        'challenger',
        'champion',
      ]);
      assert.match(
        model.tags?.find(t => t.key === 'team')?.value ?? '',
        /-team$/,
      );
    }
  });

  test('runs have per-epoch metric histories, parameters and tags', async () => {
    const { experiment } = await mlflow<{
      experiment: { experiment_id: string };
    }>(
      'experiments/get-by-name?experiment_name=tabular-team%2Fchurn-predictor',
    );
    const { runs } = await mlflow<{
      runs: {
        info: { run_id: string };
        data: {
          params: { key: string }[];
          tags: { key: string; value: string }[];
        };
      }[];
    }>('runs/search', {
      experiment_ids: [experiment.experiment_id],
      max_results: 10,
    });
    assert.equal(runs.length, 3);
    const run = runs[0];
    assert.ok(run.data.params.some(p => p.key === 'alpha'));
    assert.equal(
      run.data.tags.find(t => t.key === 'team')?.value,
      'tabular-team',
    );
    const { metrics } = await mlflow<{
      metrics: { step: number; value: number }[];
    }>(`metrics/get-history?run_id=${run.info.run_id}&metric_key=val_accuracy`);
    assert.deepEqual(
      metrics.map(m => m.step),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.ok(metrics.every(m => m.value > 0.5 && m.value <= 1));
  });

  test('has MLflow 3 logged models', async () => {
    const { experiment } = await mlflow<{
      experiment: { experiment_id: string };
    }>('experiments/get-by-name?experiment_name=vision-team%2Fdefect-detector');
    const { models } = await mlflow<{
      models: { info: { model_id: string } }[];
    }>('logged-models/search', {
      experiment_ids: [experiment.experiment_id],
    });
    assert.equal(models.length, 3);
    assert.match(models[0].info.model_id, /^m-/);
  });
});
