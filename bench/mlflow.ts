// Times the MLflow plugin against a real MLflow server seeded by bench/mlflow.sh. Runs the
// plugin's own service, client and catalog provider in this process (no HTTP to the portal).
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type {
  CatalogService,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { MlflowClient } from '@internal/plugin-mlflow-node';
import { performance } from 'node:perf_hooks';
import { MlflowModelProvider } from '../plugins/catalog-backend-module-mlflow/src/MlflowModelProvider';
import { MlflowService } from '../plugins/mlflow-backend/src/service/MlflowService';

const baseUrl = process.env.BENCH_MLFLOW_URL!;
const [runs, models] = process.argv.slice(2).map(Number);
const EXPERIMENT = 'bench/many-runs';
const SAMPLES = 30;
const server = { name: 'bench', baseUrl };
const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function timed(times: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return `p50 ${ms(percentile(samples, 50))}, p95 ${ms(
    percentile(samples, 95),
  )} (${times} samples)`;
}

async function main() {
  console.log(
    `MLflow bench: ${runs} runs in one experiment, ${models} registered models, MLflow at ${baseUrl}, node ${process.version}`,
  );
  // No cache: every sample asks MLflow.
  const service = new MlflowService([server], { cacheSeconds: 0 });
  const first = await service.runs({ experiment: EXPERIMENT, pageSize: 25 });
  console.log(
    `first page: ${first.runs.length} runs, next page token ${
      first.nextPageToken ? 'present' : 'absent'
    }`,
  );
  console.log(
    `time to first page of runs (25, newest first): ${await timed(SAMPLES, () =>
      service.runs({ experiment: EXPERIMENT, pageSize: 25 }),
    )}`,
  );
  console.log(
    `time to first page, sorted by a metric and filtered: ${await timed(
      SAMPLES,
      () =>
        service.runs({
          experiment: EXPERIMENT,
          pageSize: 25,
          filter: "params.lr = '0.01'",
          orderBy: ['metrics.val_loss ASC'],
        }),
    )}`,
  );
  // The naive way: every run of the experiment, 1,000 per request (MLflow's usual maximum).
  const client = new MlflowClient(server);
  let fetched = 0;
  const naive = await timed(3, async () => {
    const experiment = await client.getExperimentByName(EXPERIMENT);
    let pageToken: string | undefined;
    fetched = 0;
    do {
      const page = await client.searchRuns({
        experimentIds: [experiment.experiment_id],
        maxResults: 1000,
        pageToken,
      });
      fetched += page.runs?.length ?? 0;
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
  });
  console.log(`naive: all ${fetched} runs fetched: ${naive}`);

  // The catalog provider over every registered model, with an empty catalog.
  const catalog = {
    getEntities: async () => ({ items: [] }),
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(() => undefined),
    }),
  } as unknown as CatalogService;
  const auth = {
    getOwnServiceCredentials: async () => ({}),
  } as unknown as AuthService;
  let entities = 0;
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      entities = m.type === 'full' ? m.entities.length : 0;
    },
    refresh: async () => {},
  };
  const provider = new MlflowModelProvider(
    [new MlflowClient(server)],
    catalog,
    auth,
    quiet,
    { defaultOwner: 'group:default/platform-team' },
  );
  await provider.connect(connection);
  console.log(
    `catalog ingestion of all registered models: ${await timed(3, () =>
      provider.run(),
    )}; ${entities} entities`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
