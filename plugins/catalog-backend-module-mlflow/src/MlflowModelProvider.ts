import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  MLFLOW_EXPERIMENT_ANNOTATION,
  MLFLOW_MODEL_ANNOTATION,
  MLFLOW_SERVER_ANNOTATION,
} from '@internal/plugin-mlflow-common';
import type {
  MlflowClient,
  MlflowRegisteredModel,
} from '@internal/plugin-mlflow-node';
import { entityNameFor } from './entityName';

const PROVIDER = 'mlflow-models';
const PAGE = 1000;
const TEAM_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

const tagsOf = (m: MlflowRegisteredModel) =>
  Object.fromEntries((m.tags ?? []).map(t => [t.key, t.value ?? '']));

export type ProviderResult = {
  models: number;
  entities: number;
  /** Models left to their hand-written catalog-info.yaml. */
  handWritten: number;
};

/**
 * Ingests the registered models of every configured MLflow server as catalog Components of type
 * `ml-model`, owned by the team in the model's `team` tag. A model that a hand-written entity
 * already describes (annotation mlflow.org/registered-model, same server) is left to it, so the
 * catalog never has two. Each pass replaces all of this provider's entities: a model deleted in
 * MLflow leaves the catalog. If a server cannot be read, nothing is replaced.
 */
export class MlflowModelProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly clients: MlflowClient[],
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly options: { defaultOwner: string },
  ) {}

  getProviderName(): string {
    return PROVIDER;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async run(): Promise<ProviderResult> {
    if (!this.connection) {
      throw new Error('The MLflow model provider is not connected yet');
    }
    // Read every server first: if one fails, the catalog keeps what the last pass gave.
    const found: Array<[MlflowClient, MlflowRegisteredModel]> = [];
    for (const client of this.clients) {
      for (const model of await this.allModels(client)) {
        found.push([client, model]);
      }
    }
    const models = found.length;
    const described = await this.handWritten();
    const candidates = found
      .filter(
        ([client, model]) =>
          !described.has(key(client.server.name, model.name)),
      )
      .map(([client, model]) => this.entityOf(client, model));
    // A hand-written entity of the same name (without the annotation) keeps its name too.
    const taken = await this.takenNames(candidates);
    const entities = candidates.filter(e => !taken.has(e.metadata.name));
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: PROVIDER })),
    });
    const result = {
      models,
      entities: entities.length,
      handWritten: models - entities.length,
    };
    this.logger.info('MLflow models ingested into the catalog', result);
    return result;
  }

  private async takenNames(entities: Entity[]): Promise<Set<string>> {
    if (entities.length === 0) return new Set();
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: entities.map(e => `component:default/${e.metadata.name}`),
        fields: ['metadata.name', 'metadata.annotations'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return new Set(
      items
        .filter(
          (e): e is Entity =>
            Boolean(e) &&
            !e!.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
              `${PROVIDER}:`,
            ),
        )
        .map(e => e.metadata.name),
    );
  }

  private async allModels(client: MlflowClient) {
    const models: MlflowRegisteredModel[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.searchRegisteredModels({
        maxResults: PAGE,
        pageToken,
      });
      models.push(...(page.registered_models ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return models;
  }

  /** server + model of every entity not made by this provider that points at an MLflow model. */
  private async handWritten(): Promise<Set<string>> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${MLFLOW_MODEL_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata.name', 'metadata.annotations'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const defaultServer = this.clients[0]?.server.name;
    return new Set(
      items
        .filter(
          e =>
            !e.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
              `${PROVIDER}:`,
            ),
        )
        .map(e =>
          key(
            e.metadata.annotations?.[MLFLOW_SERVER_ANNOTATION] ?? defaultServer,
            e.metadata.annotations![MLFLOW_MODEL_ANNOTATION],
          ),
        ),
    );
  }

  private entityOf(client: MlflowClient, model: MlflowRegisteredModel): Entity {
    const tags = tagsOf(model);
    const server = client.server.name;
    const location = `${PROVIDER}:${server}`;
    const team = tags.team && TEAM_NAME.test(tags.team) ? tags.team : undefined;
    const champion = model.aliases?.some(a => a.alias === 'champion');
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: entityNameFor(model.name),
        title: model.name,
        description:
          model.description ||
          `Registered model ${model.name} in MLflow (${server}).`,
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [MLFLOW_MODEL_ANNOTATION]: model.name,
          [MLFLOW_SERVER_ANNOTATION]: server,
          ...(tags.experiment
            ? { [MLFLOW_EXPERIMENT_ANNOTATION]: tags.experiment }
            : {}),
        },
        tags: [
          'mlflow',
          ...(tags.framework && TEAM_NAME.test(tags.framework)
            ? [tags.framework]
            : []),
        ],
        links: [
          {
            url: client.uiUrl(`/models/${encodeURIComponent(model.name)}`),
            title: 'MLflow',
          },
        ],
      },
      spec: {
        type: 'ml-model',
        lifecycle: champion ? 'production' : 'experimental',
        owner: team ? `group:default/${team}` : this.options.defaultOwner,
      },
    };
  }
}

function key(server: string | undefined, model: string) {
  return JSON.stringify([server, model]);
}
