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

/** A model version and the run that made it (absent when the version has no run or it was deleted). */
export type ModelVersionWithRun = ModelVersionSummary & { run?: RunSummary };

/** The compact model card: the champion version and the metrics of the run that made it. */
export type ChampionCard = {
  server: string;
  model: string;
  /** Undefined when no version has the `champion` alias. */
  champion?: ModelVersionWithRun;
};

/** One alias of a registered model, the version it points at, and when it moved there. */
export type RegistryAlias = {
  alias: string;
  modelVersion: ModelVersionWithRun;
  /**
   * Epoch ms when the alias moved to this version, from the `mlp.alias.<alias>` tag the portal's
   * tools set with it. Only present while that tag names the version the alias is on.
   */
  movedAt?: number;
  /** Present exactly when `movedAt` is not: why the time is unknown. */
  movedAtUnknown?: string;
};

/** GET /models/:name/overview: what the registry says about a model, alias by alias. */
export type ModelOverview = {
  server: string;
  model: string;
  uiUrl: string;
  /**
   * The metric shown first: the `mlp.key_metric` tag when set, else `val_accuracy` when an
   * aliased version's run logged it, else the first metric of those runs by name; absent when
   * they logged none.
   */
  keyMetric?: string;
  /** champion, challenger, then the other aliases by name; empty when the model has none. */
  aliases: RegistryAlias[];
};

/**
 * A run of one of a team's experiments, with what the training job that produced it used: its
 * GPUs × the time its pods ran (GPU time) and its cost, from the portal's record of the job
 * (through the run's `mlp.job_id` tag). Absent for runs no portal job made, and for users who
 * may not see the team's cost.
 */
export type TeamRun = RunSummary & {
  experimentId: string;
  experimentName: string;
  jobId?: string;
  gpus?: number;
  gpuSeconds?: number;
  cost?: number;
  currency?: string;
};

export type TeamRunsAnswer = {
  server: string;
  team: string;
  experiments: Array<{ id: string; name: string }>;
  runs: TeamRun[];
  /** Whether GPU time and cost are shown: to the team's members and to platform keepers. */
  jobFigures: boolean;
  /** More runs match than the newest ones answered. */
  truncated: boolean;
};
