import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { Lineage } from '@internal/plugin-deployments-common';
import { jobRecordsAnswerSchema } from '@internal/plugin-jobs-common';
import type { PluginRequests } from '@internal/plugin-mlp-node';
import type { DeploymentStore } from '../store/DeploymentStore';
import { ModelRegistry } from './ModelRegistry';

/**
 * A model version's lineage: the dataset its run trained on, the training job that made the run
 * (its record from the jobs plugin, with GPU time and cost), the run, the version and where it
 * was deployed.
 */
export class LineageService {
  constructor(
    private readonly options: {
      registry: () => ModelRegistry;
      store: DeploymentStore;
      jobs: PluginRequests;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Dataset → training job → MLflow run → model version → deployments, for one version. */
  async lineage(model: string, version?: string): Promise<Lineage> {
    const registry = this.options.registry();
    const deployments = await this.options.store.ofModel(model);
    const chosen =
      version ??
      (
        deployments.find(
          d => d.status === 'live' && d.environment === 'production',
        ) ??
        deployments.find(d => d.status === 'live') ??
        deployments[0]
      )?.version;
    if (!chosen) {
      throw new InputError(
        `version: ${model} has not been deployed; name the version whose lineage you want`,
      );
    }
    const found = await registry.version(model, chosen).catch(error => {
      if (error instanceof NotFoundError) {
        throw new InputError(`version: ${model} has no version ${chosen}`);
      }
      throw error;
    });
    const run = found.run_id ? await registry.run(found.run_id) : undefined;
    const { jobId, dataset } = ModelRegistry.provenance(run);
    const job = jobId ? await this.jobRecord(jobId) : undefined;
    return {
      model,
      version: found.version,
      ...(found.status ? { versionStatus: found.status } : {}),
      modelUri: await registry.modelUri(found),
      versionUrl: registry.uiUrl(
        `/models/${encodeURIComponent(model)}/versions/${found.version}`,
      ),
      ...(dataset ? { dataset } : {}),
      ...(run
        ? {
            run: {
              id: run.info.run_id,
              ...(run.info.run_name ? { name: run.info.run_name } : {}),
              ...(run.info.status ? { status: run.info.status } : {}),
              experimentId: run.info.experiment_id,
              url: registry.uiUrl(
                `/experiments/${run.info.experiment_id}/runs/${run.info.run_id}`,
              ),
            },
          }
        : {}),
      ...(jobId ? { job: job ?? { id: jobId } } : {}),
      deployments: deployments
        .filter(d => d.version === found.version)
        .map(d => ({
          id: d.id,
          environment: d.environment,
          status: d.status,
          requestedAt: d.requestedAt,
          ...(d.decidedAt ? { decidedAt: d.decidedAt } : {}),
        })),
    };
  }

  /** The jobs plugin's record of a training job: its phase, GPU time and cost. */
  private async jobRecord(id: string): Promise<Lineage['job']> {
    try {
      const own = await this.options.auth.getOwnServiceCredentials();
      const answer = await this.options.jobs.request(
        `/records?ids=${encodeURIComponent(id)}`,
        own,
      );
      const record = jobRecordsAnswerSchema.parse(answer).records[0];
      if (!record) return undefined;
      return {
        id,
        phase: record.phase,
        gpuHours:
          Math.round(((record.gpus * record.runtimeSeconds) / 3600) * 1000) /
          1000,
        cost: record.cost,
        currency: record.currency,
      };
    } catch (error) {
      this.options.logger.info('no job record for a model lineage', {
        job: id,
        error: String(error),
      });
      return undefined;
    }
  }
}
