import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ChampionCard,
  MetricHistory,
  MlflowServerInfo,
  ModelOverview,
  RegisteredModelView,
  RunsPage,
  TeamRunsAnswer,
} from '@internal/plugin-mlflow-common';

export type RunsRequest = {
  server?: string;
  experiment: string;
  filter?: string;
  orderBy?: string;
  pageSize: number;
  pageToken?: string;
};

/** The portal's MLflow backend (/api/mlflow); the browser never talks to MLflow itself. */
export interface MlflowApi {
  servers(): Promise<MlflowServerInfo[]>;
  runs(request: RunsRequest): Promise<RunsPage>;
  metricHistory(
    server: string | undefined,
    runId: string,
    key: string,
  ): Promise<MetricHistory>;
  model(server: string | undefined, name: string): Promise<RegisteredModelView>;
  champion(server: string | undefined, name: string): Promise<ChampionCard>;
  /** The runs of all of a team's experiments, with the GPU time and cost of their jobs. */
  teamRuns(
    team: string,
    filters: { server?: string; status?: string; tag?: string },
  ): Promise<TeamRunsAnswer>;
  /** The same runs as a CSV file. */
  teamRunsCsv(
    team: string,
    filters: { server?: string; status?: string; tag?: string },
  ): Promise<Blob>;
  /** Every alias of a registered model with its version, run and when it moved; the key metric. */
  overview(server: string | undefined, name: string): Promise<ModelOverview>;
}

export const mlflowApiRef = createApiRef<MlflowApi>({ id: 'plugin.mlflow' });
