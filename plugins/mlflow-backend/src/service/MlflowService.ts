import { InputError, NotFoundError } from '@backstage/errors';
import type {
  ChampionCard,
  LoggedModelSummary,
  MetricHistory,
  MlflowServerInfo,
  ModelOverview,
  ModelVersionSummary,
  ModelVersionWithRun,
  RegisteredModelView,
  RegistryAlias,
  RunsPage,
  RunsQuery,
  RunSummary,
  TeamRunsAnswer,
  TeamRunsQuery,
} from '@internal/plugin-mlflow-common';
import { MLFLOW_TEAM_TAG } from '@internal/plugin-mlflow-common';
import {
  MlflowClient,
  MlflowLoggedModel,
  MlflowModelVersion,
  MlflowRun,
  type MlflowServer,
} from '@internal/plugin-mlflow-node';
import { ServiceUnavailableError } from '@internal/plugin-mlp-node';
import { aliasMovedAt } from './aliasMoves';
import { chooseKeyMetric } from './keyMetric';
import { TtlCache } from './TtlCache';

/** The aliases an overview lists first, in this order; the others follow by name. */
const LEADING_ALIASES = ['champion', 'challenger'];
const aliasRank = (alias: string) => {
  const i = LEADING_ALIASES.indexOf(alias);
  return i < 0 ? LEADING_ALIASES.length : i;
};

/** Versions shown per model (newest first), and logged models looked up with them. */
const MAX_VERSIONS = 100;
const MAX_LOGGED_MODELS = 20;
/** Runs a team's experiments table shows, newest first. */
export const MAX_TEAM_RUNS = 500;

const pairs = (list?: Array<{ key: string; value?: string }>) =>
  Object.fromEntries((list ?? []).map(t => [t.key, t.value ?? '']));

/**
 * What the portal shows of MLflow, server by server: one page of an experiment's runs at a time
 * (never all runs), a run's metric history, a registered model's versions, aliases and logged
 * models, and its champion. Answers are cached briefly per server and request.
 */
export class MlflowService {
  private readonly clients: Map<string, MlflowClient>;
  private readonly cache: TtlCache;

  constructor(
    servers: MlflowServer[],
    options: { cacheSeconds: number; fetchImpl?: typeof fetch },
  ) {
    this.clients = new Map(
      servers.map(s => [s.name, new MlflowClient(s, options.fetchImpl)]),
    );
    this.cache = new TtlCache(options.cacheSeconds * 1000);
  }

  servers(): MlflowServerInfo[] {
    return [...this.clients.values()].map(c => ({
      name: c.server.name,
      uiUrl: c.uiUrl('/'),
    }));
  }

  /** The named server, or the first configured one. */
  client(name?: string): MlflowClient {
    if (this.clients.size === 0) {
      throw new ServiceUnavailableError(
        'No MLflow server is configured: add one under mlflow.servers (name, baseUrl)',
      );
    }
    const client = name
      ? this.clients.get(name)
      : this.clients.values().next().value;
    if (!client) {
      throw new InputError(
        `server: ${name} is not in mlflow.servers (configured: ${[
          ...this.clients.keys(),
        ].join(', ')}); fix the entity's mlflow.org/server annotation`,
      );
    }
    return client;
  }

  async runs(query: RunsQuery): Promise<RunsPage> {
    const client = this.client(query.server);
    const experiment = await this.experiment(client, query.experiment);
    const page = await this.cached(client, ['runs', query], () =>
      client.searchRuns({
        experimentIds: [experiment.experiment_id],
        filter: query.filter,
        orderBy: query.orderBy,
        maxResults: query.pageSize,
        pageToken: query.pageToken,
      }),
    );
    return {
      server: client.server.name,
      experimentId: experiment.experiment_id,
      experimentName: experiment.name,
      runs: (page.runs ?? []).map(r => this.runSummary(client, r)),
      nextPageToken: page.next_page_token || undefined,
    };
  }

  /**
   * The newest runs (at most MAX_TEAM_RUNS) of all of a team's experiments: those named
   * `<team>/...` (the portal's convention) and those tagged `team=<team>`.
   */
  async teamRuns(
    team: string,
    query: TeamRunsQuery,
  ): Promise<Omit<TeamRunsAnswer, 'jobFigures'>> {
    const client = this.client(query.server);
    const found = await this.cached(client, ['team-experiments', team], () =>
      Promise.all([
        client.searchExperiments({
          filter: `name LIKE '${team}/%'`,
          maxResults: 1000,
        }),
        client.searchExperiments({
          filter: `tags.${MLFLOW_TEAM_TAG} = '${team}'`,
          maxResults: 1000,
        }),
      ]),
    );
    const experiments = new Map<string, string>();
    for (const e of found.flatMap(f => f.experiments ?? [])) {
      experiments.set(e.experiment_id, e.name);
    }
    const base = {
      server: client.server.name,
      team,
      experiments: [...experiments].map(([id, name]) => ({ id, name })),
    };
    if (experiments.size === 0) {
      return { ...base, runs: [], truncated: false };
    }
    const filter = [
      ...(query.status ? [`attributes.status = '${query.status}'`] : []),
      ...(query.tag
        ? [`tags.\`${query.tag.key}\` = '${query.tag.value}'`]
        : []),
    ].join(' AND ');
    const page = await this.cached(client, ['team-runs', team, query], () =>
      client.searchRuns({
        experimentIds: [...experiments.keys()],
        filter,
        orderBy: ['attributes.start_time DESC'],
        maxResults: MAX_TEAM_RUNS,
      }),
    );
    return {
      ...base,
      runs: (page.runs ?? []).map(r => ({
        ...this.runSummary(client, r),
        experimentId: r.info.experiment_id,
        experimentName: experiments.get(r.info.experiment_id) ?? '',
      })),
      truncated: Boolean(page.next_page_token),
    };
  }

  async run(server: string | undefined, runId: string): Promise<RunSummary> {
    const client = this.client(server);
    const run = await this.cached(client, ['run', runId], () =>
      client.getRun(runId),
    );
    return this.runSummary(client, run);
  }

  async metricHistory(
    server: string | undefined,
    runId: string,
    key: string,
  ): Promise<MetricHistory> {
    const client = this.client(server);
    const points = await this.cached(client, ['history', runId, key], () =>
      client.getMetricHistory(runId, key),
    );
    return {
      runId,
      key,
      points: points
        .map(p => ({
          step: p.step ?? 0,
          value: p.value,
          timestamp: p.timestamp ?? 0,
        }))
        .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp),
    };
  }

  async model(
    server: string | undefined,
    name: string,
  ): Promise<RegisteredModelView> {
    const client = this.client(server);
    const { model, aliases } = await this.registeredModel(client, name);
    const versions = await this.cached(client, ['versions', name], () =>
      this.allVersions(client, name),
    );
    const loggedIds = versions
      .map(v => /^models:\/(m-[\w-]+)$/.exec(v.source ?? '')?.[1])
      .filter((id): id is string => Boolean(id))
      .slice(0, MAX_LOGGED_MODELS);
    const logged = await Promise.all(
      loggedIds.map(id =>
        this.cached(client, ['logged', id], () => client.getLoggedModel(id)),
      ),
    );
    return {
      server: client.server.name,
      name: model.name,
      description: model.description || undefined,
      tags: pairs(model.tags),
      aliases,
      versions: versions.map(v => this.versionSummary(client, v, aliases)),
      loggedModels: logged.map(loggedSummary),
      uiUrl: client.uiUrl(`/models/${encodeURIComponent(model.name)}`),
    };
  }

  /** The champion alone: the overview's champion entry. */
  async champion(
    server: string | undefined,
    name: string,
  ): Promise<ChampionCard> {
    const overview = await this.overview(server, name);
    return {
      server: overview.server,
      model: overview.model,
      champion: overview.aliases.find(a => a.alias === 'champion')
        ?.modelVersion,
    };
  }

  /**
   * What the registry says about a model, alias by alias: the version, the run that made it,
   * when the alias moved there (when the portal's tools recorded it) and the key metric.
   */
  async overview(
    server: string | undefined,
    name: string,
  ): Promise<ModelOverview> {
    const client = this.client(server);
    const { model, aliases } = await this.registeredModel(client, name);
    const tags = pairs(model.tags);
    const entries: RegistryAlias[] = await Promise.all(
      Object.keys(aliases)
        .sort((a, b) => aliasRank(a) - aliasRank(b) || a.localeCompare(b))
        .map(async alias => ({
          alias,
          modelVersion: await this.versionWithRun(
            client,
            name,
            aliases[alias],
            aliases,
          ),
          ...aliasMovedAt(tags, alias, aliases[alias]),
        })),
    );
    return {
      server: client.server.name,
      model: model.name,
      uiUrl: client.uiUrl(`/models/${encodeURIComponent(model.name)}`),
      keyMetric: chooseKeyMetric(
        tags,
        entries.map(e => e.modelVersion.run),
      ),
      aliases: entries,
    };
  }

  private async versionWithRun(
    client: MlflowClient,
    name: string,
    version: string,
    aliases: Record<string, string>,
  ): Promise<ModelVersionWithRun> {
    const v = await this.cached(client, ['version', name, version], () =>
      client.getModelVersion(name, version),
    );
    const run = v.run_id
      ? await this.run(client.server.name, v.run_id).catch(error => {
          // The run may have been deleted; the version is still shown.
          if (error instanceof NotFoundError) return undefined;
          throw error;
        })
      : undefined;
    return { ...this.versionSummary(client, v, aliases), run };
  }

  private async registeredModel(client: MlflowClient, name: string) {
    const model = await this.cached(client, ['model', name], () =>
      this.notFoundSays(
        client.getRegisteredModel(name),
        `No registered model named ${name} on MLflow server '${client.server.name}'; check the entity's mlflow.org/registered-model annotation`,
      ),
    );
    const aliases: Record<string, string> = Object.fromEntries(
      (model.aliases ?? []).map(a => [a.alias, a.version]),
    );
    return { model, aliases };
  }

  private async experiment(client: MlflowClient, name: string) {
    return this.cached(client, ['experiment', name], () =>
      this.notFoundSays(
        client.getExperimentByName(name),
        `No experiment named ${name} on MLflow server '${client.server.name}'; check the entity's mlflow.org/experiment-name annotation`,
      ),
    );
  }

  private async allVersions(client: MlflowClient, name: string) {
    const versions: MlflowModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.searchModelVersions({
        name,
        maxResults: Math.min(100, MAX_VERSIONS - versions.length),
        pageToken,
      });
      versions.push(...(page.model_versions ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken && versions.length < MAX_VERSIONS);
    return versions.sort((a, b) => Number(b.version) - Number(a.version));
  }

  private runSummary(client: MlflowClient, run: MlflowRun): RunSummary {
    const { info, data } = run;
    const tags = pairs(data?.tags);
    return {
      runId: info.run_id,
      runName: info.run_name || tags['mlflow.runName'] || info.run_id,
      status: info.status ?? 'UNKNOWN',
      startTime: info.start_time,
      endTime: info.end_time,
      durationMs:
        info.start_time && info.end_time
          ? info.end_time - info.start_time
          : undefined,
      user: info.user_id || tags['mlflow.user'] || undefined,
      params: pairs(data?.params),
      metrics: Object.fromEntries(
        (data?.metrics ?? []).map(m => [m.key, m.value]),
      ),
      tags: Object.fromEntries(
        Object.entries(tags).filter(([k]) => !k.startsWith('mlflow.')),
      ),
      uiUrl: client.uiUrl(
        `/experiments/${info.experiment_id}/runs/${info.run_id}`,
      ),
    };
  }

  private versionSummary(
    client: MlflowClient,
    v: MlflowModelVersion,
    aliases: Record<string, string>,
  ): ModelVersionSummary {
    return {
      version: v.version,
      aliases: Object.entries(aliases)
        .filter(([, version]) => version === v.version)
        .map(([alias]) => alias)
        .sort(),
      status: v.status,
      stage:
        v.current_stage && v.current_stage !== 'None'
          ? v.current_stage
          : undefined,
      runId: v.run_id || undefined,
      source: v.source,
      creationTime: v.creation_timestamp,
      description: v.description || undefined,
      uiUrl: client.uiUrl(
        `/models/${encodeURIComponent(v.name)}/versions/${v.version}`,
      ),
    };
  }

  private cached<T>(
    client: MlflowClient,
    key: unknown[],
    load: () => Promise<T>,
  ): Promise<T> {
    return this.cache.get(JSON.stringify([client.server.name, ...key]), load);
  }

  private async notFoundSays<T>(call: Promise<T>, message: string) {
    try {
      return await call;
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(message);
      throw error;
    }
  }
}

function loggedSummary(m: MlflowLoggedModel): LoggedModelSummary {
  return {
    modelId: m.info.model_id,
    name: m.info.name,
    status: m.info.status,
    sourceRunId: m.info.source_run_id || undefined,
    creationTime: m.info.creation_timestamp_ms,
    metrics: Object.fromEntries(
      (m.data?.metrics ?? []).map(x => [x.key, x.value]),
    ),
  };
}
