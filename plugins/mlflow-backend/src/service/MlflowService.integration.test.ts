// Against the real MLflow server (scripts/services.sh), seeded by the test through MLflow's API,
// plus the demo models the services script registers.
import { InputError, NotFoundError } from '@backstage/errors';
import {
  localMlflowUrl,
  seedExperiment,
  seedRegisteredModel,
} from '../__testUtils__/localMlflow';
import { MlflowService } from './MlflowService';

jest.setTimeout(120_000);

let seeded: Awaited<ReturnType<typeof seedExperiment>>;
beforeAll(async () => {
  seeded = await seedExperiment(23);
});

const serviceOn = (cacheSeconds = 0) =>
  new MlflowService([{ name: 'local', baseUrl: localMlflowUrl() }], {
    cacheSeconds,
  });

describe('MlflowService on the real MLflow', () => {
  it('pages through an experiment with MLflow page tokens, in the order asked for', async () => {
    const service = serviceOn();
    const seen: string[] = [];
    const losses: number[] = [];
    let pageToken: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await service.runs({
        experiment: seeded.name,
        orderBy: ['metrics.val_loss ASC'],
        pageSize: 10,
        pageToken,
      });
      expect(page.experimentId).toBe(seeded.experimentId);
      sizes.push(page.runs.length);
      seen.push(...page.runs.map(r => r.runId));
      losses.push(...page.runs.map(r => r.metrics.val_loss));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(sizes).toEqual([10, 10, 3]);
    expect(new Set(seen).size).toBe(23);
    expect(new Set(seen)).toEqual(new Set(seeded.runs.map(r => r.runId)));
    // Latest value of val_loss is the step-2 value, ascending across pages.
    expect(losses).toEqual(
      seeded.runs.map(r => r.valLoss).sort((a, b) => a - b),
    );
  });

  it('shows what the table needs of a run', async () => {
    const service = serviceOn();
    const page = await service.runs({
      experiment: seeded.name,
      orderBy: ['attributes.start_time ASC'],
      pageSize: 1,
    });
    expect(page.runs[0]).toEqual({
      runId: seeded.runs[0].runId,
      runName: 'run-00',
      status: 'FINISHED',
      startTime: Date.parse('2026-11-20T10:00:00Z'),
      endTime: Date.parse('2026-11-20T10:00:30Z'),
      durationMs: 30_000,
      user: 'amira.haddad',
      params: { lr: '0.1' },
      metrics: { val_loss: 0.5 },
      tags: { team: 'nlp-team' },
      uiUrl: `${localMlflowUrl()}/#/experiments/${seeded.experimentId}/runs/${
        seeded.runs[0].runId
      }`,
    });
  });

  it("passes MLflow's filter syntax through, and says what is wrong with a bad one", async () => {
    const service = serviceOn();
    const page = await service.runs({
      experiment: seeded.name,
      filter: "params.lr = '0.01' and metrics.val_loss < 0.1",
      pageSize: 100,
    });
    const expected = seeded.runs.filter(
      r => r.lr === '0.01' && r.valLoss < 0.1,
    );
    expect(page.runs.map(r => r.runId).sort()).toEqual(
      expected.map(r => r.runId).sort(),
    );
    expect(expected.length).toBeGreaterThan(2);
    const error = await service
      .runs({
        experiment: seeded.name,
        filter: 'metrics.val_loss >>> 1',
        pageSize: 10,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    // MLflow lists the comparators as a Python set: in any order.
    expect(error.message).toMatch(
      new RegExp(
        `^Could not search the runs of experiment ${seeded.experimentId}: MLflow server 'local' says Invalid comparator '>>>' not one of `,
      ),
    );
  });

  it('reads a metric history in step order', async () => {
    const history = await serviceOn().metricHistory(
      undefined,
      seeded.runs[2].runId,
      'val_loss',
    );
    expect(history.points.map(p => [p.step, p.value])).toEqual([
      [0, 0.75],
      [1, 0.5],
      [2, 0.25],
    ]);
  });

  it('shows a registered model: versions newest first, aliases, source runs and logged models', async () => {
    const model = await serviceOn().model(
      undefined,
      'support-ticket-classifier',
    );
    expect(model.tags.team).toBe('nlp-team');
    expect(Object.keys(model.aliases).sort()).toEqual([
      'challenger',
      'champion',
    ]);
    const versions = model.versions.map(v => Number(v.version));
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    const champion = model.versions.find(v => v.aliases.includes('champion'))!;
    expect(champion.version).toBe(model.aliases.champion);
    expect(champion.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(champion.stage).toBeUndefined();
    // MLflow 3: each version comes from a logged model of its run.
    expect(model.loggedModels.length).toBe(model.versions.length);
    expect(model.loggedModels.map(m => m.sourceRunId)).toContain(
      champion.runId,
    );
  });

  it('gives the champion card with the metrics of its run', async () => {
    const card = await serviceOn().champion(
      undefined,
      'support-ticket-classifier',
    );
    expect(card.champion?.aliases).toContain('champion');
    expect(card.champion?.run?.metrics.val_accuracy).toBeGreaterThan(0.5);
    expect(card.champion?.run?.params.model).toBe('SGDClassifier');
  });

  it("gives a model's overview alias by alias: version, run, key metric, and when the portal's tools moved it", async () => {
    // Versions 1 to 3 come from runs 0 to 2 (val_loss 0.5, 0.333333, 0.25).
    const name = await seedRegisteredModel({
      runs: seeded.runs.slice(0, 3),
      aliases: { staging: '1', challenger: '3', champion: '2' },
      tags: {
        'mlp.key_metric': 'val_loss',
        'mlp.alias.champion': '2@2026-11-21T09:30:00+00:00',
        // Recorded for version 1, then moved to 3 some other way.
        'mlp.alias.challenger': '1@2026-11-20T08:00:00+00:00',
      },
    });
    const overview = await serviceOn().overview(undefined, name);
    expect(overview.server).toBe('local');
    expect(overview.model).toBe(name);
    expect(overview.keyMetric).toBe('val_loss');
    expect(overview.uiUrl).toBe(`${localMlflowUrl()}/#/models/${name}`);
    expect(
      overview.aliases.map(a => [
        a.alias,
        a.modelVersion.version,
        a.modelVersion.run?.runId,
        a.modelVersion.run?.metrics.val_loss,
      ]),
    ).toEqual([
      ['champion', '2', seeded.runs[1].runId, seeded.runs[1].valLoss],
      ['challenger', '3', seeded.runs[2].runId, seeded.runs[2].valLoss],
      ['staging', '1', seeded.runs[0].runId, seeded.runs[0].valLoss],
    ]);
    const [champion, challenger, staging] = overview.aliases;
    expect(champion.movedAt).toBe(Date.parse('2026-11-21T09:30:00Z'));
    expect(champion.movedAtUnknown).toBeUndefined();
    expect(champion.modelVersion.aliases).toEqual(['champion']);
    expect(champion.modelVersion.run?.params).toEqual({ lr: '0.01' });
    expect(champion.modelVersion.creationTime).toEqual(expect.any(Number));
    expect(challenger.movedAt).toBeUndefined();
    expect(challenger.movedAtUnknown).toBe(
      "moved outside the portal's tools: mlp.alias.challenger records version 1, the alias is on version 3",
    );
    expect(staging.movedAt).toBeUndefined();
    expect(staging.movedAtUnknown).toMatch(/no mlp.alias.staging tag/);
  });

  it('gives an overview without aliases or key metric for a model that has none', async () => {
    const name = await seedRegisteredModel({
      runs: [],
      aliases: {},
      tags: {},
    });
    const overview = await serviceOn().overview(undefined, name);
    expect(overview.aliases).toEqual([]);
    expect(overview.keyMetric).toBeUndefined();
    expect(await serviceOn().champion(undefined, name)).toEqual({
      server: 'local',
      model: name,
      champion: undefined,
    });
  });

  it("gives the demo model's champion and challenger with the key metric the seeder names", async () => {
    const service = serviceOn();
    const [model, overview] = await Promise.all([
      service.model(undefined, 'support-ticket-classifier'),
      service.overview(undefined, 'support-ticket-classifier'),
    ]);
    expect(overview.keyMetric).toBe('val_accuracy');
    expect(
      overview.aliases.map(a => [a.alias, a.modelVersion.version]),
    ).toEqual([
      ['champion', model.aliases.champion],
      ['challenger', model.aliases.challenger],
    ]);
    for (const a of overview.aliases) {
      expect(a.modelVersion.run?.metrics.val_accuracy).toBeGreaterThan(0.5);
      // A time, or the reason there is none: never both, never neither.
      expect([a.movedAt, a.movedAtUnknown].filter(Boolean)).toHaveLength(1);
    }
  });

  it('answers the champion from the same cached requests as the overview', async () => {
    const service = serviceOn(30);
    await service.overview(undefined, 'support-ticket-classifier');
    const client = service.client();
    const before = client.requestCount;
    const card = await service.champion(undefined, 'support-ticket-classifier');
    await service.overview(undefined, 'support-ticket-classifier');
    expect(client.requestCount).toBe(before);
    expect(card.champion?.aliases).toContain('champion');
  });

  it('names the annotation to fix when an experiment, model or server is unknown', async () => {
    const service = serviceOn();
    await expect(
      service.runs({ experiment: 'no-such-experiment', pageSize: 10 }),
    ).rejects.toThrow(
      new NotFoundError(
        "No experiment named no-such-experiment on MLflow server 'local'; check the entity's mlflow.org/experiment-name annotation",
      ),
    );
    await expect(service.model(undefined, 'no-such-model')).rejects.toThrow(
      /No registered model named no-such-model .* mlflow.org\/registered-model annotation/,
    );
    await expect(service.overview(undefined, 'no-such-model')).rejects.toThrow(
      new NotFoundError(
        "No registered model named no-such-model on MLflow server 'local'; check the entity's mlflow.org/registered-model annotation",
      ),
    );
    await expect(
      service.runs({ server: 'prod', experiment: seeded.name, pageSize: 1 }),
    ).rejects.toThrow(
      "server: prod is not in mlflow.servers (configured: local); fix the entity's mlflow.org/server annotation",
    );
  });

  it('asks MLflow once for the same page within the cache time', async () => {
    const service = serviceOn(30);
    const query = { experiment: seeded.name, pageSize: 5 };
    await service.runs(query);
    const client = service.client();
    const before = client.requestCount;
    await service.runs(query);
    await service.runs(query);
    expect(client.requestCount).toBe(before);
    await service.runs({ ...query, pageSize: 6 });
    expect(client.requestCount).toBe(before + 1);
  });
});
