// Against the real MLflow server (scripts/services.sh); the catalog is a small stand-in holding
// the hand-written entities the provider must not duplicate.
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { servicesConfig } from '@internal/plugin-mlp-kube-node/testUtils';
import { MlflowClient } from '@internal/plugin-mlflow-node';
import { randomBytes } from 'node:crypto';
import { entityNameFor } from './entityName';
import { MlflowModelProvider } from './MlflowModelProvider';

jest.setTimeout(60_000);
const baseUrl = servicesConfig()
  .getConfigArray('mlflow.servers')[0]
  .getString('baseUrl');
const id = randomBytes(3).toString('hex');
// MLflow allows spaces, capitals and brackets (not / or :); the catalog does not.
const odd = `Portal Test ${id} (v2)`;
const plain = `portal-test-${id}-plain`;
const clashing = `portal-test-${id}-clash`;

async function mlflow(path: string, body: object, method = 'POST') {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function handWritten(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': `file:/catalog/${name}.yaml`,
        ...annotations,
      },
    },
    spec: {
      type: 'ml-model',
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
    },
  };
}

/** The catalog as the provider reads it: getEntities (annotation filter) and getEntitiesByRefs. */
function catalogWith(entities: Entity[]): CatalogService {
  return {
    getEntities: async () => ({
      items: entities.filter(
        e => e.metadata.annotations?.['mlflow.org/registered-model'],
      ),
    }),
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(ref =>
        entities.find(e => `component:default/${e.metadata.name}` === ref),
      ),
    }),
  } as unknown as CatalogService;
}

function connection() {
  const mutations: EntityProviderMutation[] = [];
  const conn: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  const last = () => {
    const m = mutations.at(-1)!;
    if (m.type !== 'full') throw new Error('expected a full mutation');
    return m.entities.map(e => e.entity);
  };
  return { conn, mutations, last };
}

beforeAll(async () => {
  await mlflow('registered-models/create', {
    name: odd,
    description: 'Odd name',
    tags: [
      { key: 'team', value: 'nlp-team' },
      { key: 'experiment', value: 'nlp-team/odd' },
    ],
  });
  await mlflow('model-versions/create', {
    name: odd,
    source: 's3://models/portal-test',
  });
  await mlflow('registered-models/alias', {
    name: odd,
    alias: 'champion',
    version: '1',
  });
  await mlflow('registered-models/create', {
    name: plain,
    tags: [{ key: 'team', value: 'Not A Group!' }],
  });
  await mlflow('registered-models/create', { name: clashing });
});

afterAll(async () => {
  for (const name of [odd, plain, clashing]) {
    await mlflow('registered-models/delete', { name }, 'DELETE').catch(
      () => undefined,
    );
  }
});

const providerWith = (catalog: CatalogService, url = baseUrl) =>
  new MlflowModelProvider(
    [new MlflowClient({ name: 'local', baseUrl: url })],
    catalog,
    mockServices.auth(),
    mockServices.logger.mock(),
    { defaultOwner: 'group:default/platform-team' },
  );

describe('MlflowModelProvider on the real MLflow', () => {
  const catalog = catalogWith([
    handWritten('support-ticket-classifier', {
      'mlflow.org/registered-model': 'support-ticket-classifier',
    }),
    handWritten(clashing, {}),
  ]);

  it('ingests registered models as ml-model Components, leaving hand-written ones alone', async () => {
    const provider = providerWith(catalog);
    const { conn, last } = connection();
    await provider.connect(conn);
    const result = await provider.run();
    const entities = last();
    const byModel = (name: string) =>
      entities.find(
        e => e.metadata.annotations?.['mlflow.org/registered-model'] === name,
      );

    expect(byModel(odd)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: entityNameFor(odd),
        title: odd,
        description: 'Odd name',
        annotations: {
          'backstage.io/managed-by-location': 'mlflow-models:local',
          'backstage.io/managed-by-origin-location': 'mlflow-models:local',
          'mlflow.org/registered-model': odd,
          'mlflow.org/server': 'local',
          'mlflow.org/experiment-name': 'nlp-team/odd',
        },
        tags: ['mlflow'],
        links: [
          {
            url: `${baseUrl}/#/models/${encodeURIComponent(odd)}`,
            title: 'MLflow',
          },
        ],
      },
      spec: {
        type: 'ml-model',
        lifecycle: 'production',
        owner: 'group:default/nlp-team',
      },
    });
    expect(entityNameFor(odd)).toMatch(
      /^portal-test-[0-9a-f]{6}-v2-[0-9a-f]{8}$/,
    );
    // A team tag that is not a group name: the default owner; no champion: experimental.
    expect(byModel(plain)?.spec).toEqual({
      type: 'ml-model',
      lifecycle: 'experimental',
      owner: 'group:default/platform-team',
    });
    // Described by a hand-written entity, or its name taken by one: not ingested.
    expect(byModel('support-ticket-classifier')).toBeUndefined();
    expect(byModel(clashing)).toBeUndefined();
    expect(result.handWritten).toBe(2);
    expect(result.entities).toBe(entities.length);
    expect(new Set(entities.map(e => e.metadata.name)).size).toBe(
      entities.length,
    );
  });

  it('drops a model deleted in MLflow on the next pass', async () => {
    const provider = providerWith(catalog);
    const { conn, last } = connection();
    await provider.connect(conn);
    await provider.run();
    expect(last().map(e => e.metadata.title)).toContain(plain);
    await mlflow('registered-models/delete', { name: plain }, 'DELETE');
    await provider.run();
    expect(last().map(e => e.metadata.title)).not.toContain(plain);
    expect(last().map(e => e.metadata.title)).toContain(odd);
  });

  it('changes nothing in the catalog when MLflow cannot be read', async () => {
    const provider = providerWith(catalog, 'http://127.0.0.1:9');
    const { conn, mutations } = connection();
    await provider.connect(conn);
    await expect(provider.run()).rejects.toThrow(
      /MLflow server 'local' at http:\/\/127.0.0.1:9 did not answer/,
    );
    expect(mutations).toEqual([]);
  });
});
