import { InputError, NotFoundError } from '@backstage/errors';
import {
  MLFLOW_RUN_DATASET_TAG,
  MLFLOW_RUN_JOB_TAG,
  MLFLOW_TEAM_TAG,
} from '@internal/plugin-mlflow-common';
import type {
  MlflowClient,
  MlflowModelVersion,
  MlflowRun,
} from '@internal/plugin-mlflow-node';

/** A registry version the request named, checked: it exists and its files are READY. */
export type ResolvedVersion = {
  model: string;
  version: string;
  alias?: string;
  modelUri: string;
  runId?: string;
  /** The registered model's `team` tag, when it has one. */
  team?: string;
};

const tagOf = (
  tags: Array<{ key: string; value?: string }> | undefined,
  key: string,
) => tags?.find(t => t.key === key)?.value || undefined;

/**
 * The MLflow model registry as deployments read it: a version named by number or alias, checked
 * to be deployable, and the run behind it (the lineage's job and dataset). Refusals name the
 * request's field.
 */
export class ModelRegistry {
  constructor(private readonly client: MlflowClient) {}

  async resolve(request: {
    model: string;
    version?: string;
    alias?: string;
  }): Promise<ResolvedVersion> {
    const { model } = request;
    const registered = await this.client
      .getRegisteredModel(model)
      .catch(error => {
        if (error instanceof NotFoundError) {
          throw new InputError(
            `model: MLflow has no registered model named "${model}"; use the name shown on the model page or in MLflow's Models tab`,
          );
        }
        throw error;
      });
    let version = request.version;
    if (request.alias) {
      const target = registered.aliases?.find(a => a.alias === request.alias);
      if (!target) {
        const known = (registered.aliases ?? []).map(a => a.alias).sort();
        throw new InputError(
          `alias: ${model} has no alias "${request.alias}"; ${
            known.length
              ? `its aliases are ${known.join(', ')}`
              : 'it has no aliases: name a version instead'
          }`,
        );
      }
      version = target.version;
    }
    const found = await this.client
      .getModelVersion(model, version!)
      .catch(error => {
        if (error instanceof NotFoundError) {
          const newest = registered.latest_versions
            ?.map(v => Number(v.version))
            .sort((a, b) => b - a)[0];
          throw new InputError(
            `version: ${model} has no version ${version}${
              newest ? `; its newest is ${newest}` : ''
            }`,
          );
        }
        throw error;
      });
    const status = found.status ?? 'READY';
    if (status !== 'READY') {
      throw new InputError(
        `${request.alias ? 'alias' : 'version'}: version ${
          found.version
        } of ${model} is ${status}, not READY: its files are not registered yet (or failed to be); deploy a READY version`,
      );
    }
    const modelUri = await this.modelUri(found);
    if (!modelUri) {
      throw new InputError(
        `version: version ${found.version} of ${model} names no model files (no source in the registry); register it again from its run`,
      );
    }
    return {
      model,
      version: found.version,
      ...(request.alias ? { alias: request.alias } : {}),
      modelUri,
      ...(found.run_id ? { runId: found.run_id } : {}),
      ...(tagOf(registered.tags, MLFLOW_TEAM_TAG)
        ? { team: tagOf(registered.tags, MLFLOW_TEAM_TAG) }
        : {}),
    };
  }

  /** Whether the registered model exists; its team tag when it has one. */
  async registeredModel(model: string): Promise<{ team?: string } | undefined> {
    try {
      const registered = await this.client.getRegisteredModel(model);
      const team = tagOf(registered.tags, MLFLOW_TEAM_TAG);
      return team ? { team } : {};
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The model's files for KServe's storageUri: the artifact store's location of the version
   * (MLflow's download URI), since a `models:/` source means nothing to a model server.
   */
  async modelUri(version: MlflowModelVersion): Promise<string> {
    return this.client.getModelVersionDownloadUri(
      version.name,
      version.version,
    );
  }

  async version(model: string, version: string): Promise<MlflowModelVersion> {
    return this.client.getModelVersion(model, version);
  }

  async run(runId: string): Promise<MlflowRun | undefined> {
    return this.client.getRun(runId).catch(error => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  }

  /** The job that made a run, and the data it trained on: its tags, else MLflow's dataset inputs. */
  static provenance(run: MlflowRun | undefined): {
    jobId?: string;
    dataset?: { name: string; digest?: string; source?: string };
  } {
    if (!run) return {};
    const tags = run.data?.tags;
    const jobId = tagOf(tags, MLFLOW_RUN_JOB_TAG);
    const tagged = tagOf(tags, MLFLOW_RUN_DATASET_TAG);
    const input = run.inputs?.dataset_inputs?.[0]?.dataset;
    const fromInput = input && {
      name: input.name,
      ...(input.digest ? { digest: input.digest } : {}),
      ...(input.source ? { source: input.source } : {}),
    };
    const dataset = tagged ? { name: tagged } : fromInput;
    return { ...(jobId ? { jobId } : {}), ...(dataset ? { dataset } : {}) };
  }

  uiUrl(route: string): string {
    return this.client.uiUrl(route);
  }
}
