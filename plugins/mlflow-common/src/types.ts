/** A configured MLflow server, as the browser may see it (no credentials). */
export type MlflowServerInfo = { name: string; uiUrl: string };

/** One run, with only what the runs table shows. */
export type RunSummary = {
  runId: string;
  runName: string;
  status: string;
  /** Epoch ms. */
  startTime?: number;
  endTime?: number;
  durationMs?: number;
  user?: string;
  params: Record<string, string>;
  /** The latest value of each metric. */
  metrics: Record<string, number>;
  /** User tags; MLflow's own `mlflow.*` tags are left out. */
  tags: Record<string, string>;
  uiUrl: string;
};

export type RunsPage = {
  server: string;
  experimentId: string;
  experimentName: string;
  runs: RunSummary[];
  /** MLflow's page token for the next page; absent on the last page. */
  nextPageToken?: string;
};

export type MetricPoint = { step: number; value: number; timestamp: number };

export type MetricHistory = {
  runId: string;
  key: string;
  points: MetricPoint[];
};

export type ModelVersionSummary = {
  version: string;
  aliases: string[];
  status?: string;
  /** Only where the server still uses stages (not `None`). */
  stage?: string;
  runId?: string;
  source?: string;
  creationTime?: number;
  description?: string;
  uiUrl: string;
};

/** An MLflow 3 logged model of the model's experiments. */
export type LoggedModelSummary = {
  modelId: string;
  name: string;
  status?: string;
  sourceRunId?: string;
  creationTime?: number;
  metrics: Record<string, number>;
};

export type RegisteredModelView = {
  server: string;
  name: string;
  description?: string;
  tags: Record<string, string>;
  /** alias → version, e.g. champion → 3. */
  aliases: Record<string, string>;
  versions: ModelVersionSummary[];
  loggedModels: LoggedModelSummary[];
  uiUrl: string;
};

/** The compact model card: the champion version and the metrics of the run that made it. */
export type ChampionCard = {
  server: string;
  model: string;
  /** Undefined when no version has the `champion` alias. */
  champion?: ModelVersionSummary & { run?: RunSummary };
};
