import { InputError, NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import type { MlflowServer } from './config';
import {
  BadGatewayError,
  ServiceUnavailableError,
} from '@internal/plugin-mlp-node';

const tags = z
  .array(z.object({ key: z.string(), value: z.string().optional() }))
  .optional();

export const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  lifecycle_stage: z.string().optional(),
  tags,
});

const metricSchema = z.object({
  key: z.string(),
  value: z.number(),
  timestamp: z.coerce.number().optional(),
  step: z.coerce.number().optional(),
});

export const runSchema = z.object({
  info: z.object({
    run_id: z.string(),
    run_name: z.string().optional(),
    experiment_id: z.string(),
    user_id: z.string().optional(),
    status: z.string().optional(),
    start_time: z.coerce.number().optional(),
    end_time: z.coerce.number().optional(),
  }),
  data: z
    .object({
      metrics: z.array(metricSchema).optional(),
      params: z
        .array(z.object({ key: z.string(), value: z.string().optional() }))
        .optional(),
      tags,
    })
    .optional(),
  /** The datasets the run logged as inputs (mlflow.log_input). */
  inputs: z
    .object({
      dataset_inputs: z
        .array(
          z.object({
            dataset: z.object({
              name: z.string(),
              digest: z.string().optional(),
              source_type: z.string().optional(),
              source: z.string().optional(),
            }),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type MlflowRun = z.infer<typeof runSchema>;

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.coerce.number().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  aliases: z.array(z.string()).optional(),
});
export type MlflowModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  creation_timestamp: z.coerce.number().optional(),
  last_updated_timestamp: z.coerce.number().optional(),
  description: z.string().optional(),
  tags,
  aliases: z
    .array(z.object({ alias: z.string(), version: z.string() }))
    .optional(),
  latest_versions: z.array(modelVersionSchema).optional(),
});
export type MlflowRegisteredModel = z.infer<typeof registeredModelSchema>;

export const loggedModelSchema = z.object({
  info: z.object({
    model_id: z.string(),
    name: z.string(),
    experiment_id: z.string().optional(),
    creation_timestamp_ms: z.coerce.number().optional(),
    status: z.string().optional(),
    source_run_id: z.string().optional(),
  }),
  data: z.object({ metrics: z.array(metricSchema).optional() }).optional(),
});
export type MlflowLoggedModel = z.infer<typeof loggedModelSchema>;

const errorSchema = z.object({
  error_code: z.string().optional(),
  message: z.string().optional(),
});

type Request = {
  method: 'GET' | 'POST';
  /** Under `/api/2.0/mlflow/`, with its query. */
  path: string;
  body?: unknown;
  /** What the call does, for messages: "search the runs of experiment 3". */
  what: string;
};

const tagList = (t: Record<string, string>) =>
  Object.entries(t).map(([key, value]) => ({ key, value }));

/**
 * A typed client of MLflow's REST API (2.0 paths and MLflow 3's logged models). Every call takes
 * one request path: credentials are added here and never leave the backend; answers are checked
 * against the shapes this portal reads; failures become errors with a status and a reason:
 * unreachable or too slow 503, a server error or an unreadable answer 502, MLflow's
 * RESOURCE_DOES_NOT_EXIST 404, its INVALID_PARAMETER_VALUE (a bad filter, say) 400.
 */
export class MlflowClient {
  /** Calls made so far: tests and the bench count them. */
  requestCount = 0;

  constructor(
    readonly server: MlflowServer,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly timeoutMs = 30_000,
  ) {}

  async getExperimentByName(name: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `experiments/get-by-name?${new URLSearchParams({
          experiment_name: name,
        })}`,
        what: `find experiment ${name}`,
      },
      z.object({ experiment: experimentSchema }),
    );
    return body.experiment;
  }

  /** Experiments matching MLflow's experiment filter, e.g. `name LIKE 'nlp-team/%'`. */
  async searchExperiments(request: {
    filter: string;
    maxResults: number;
    pageToken?: string;
  }) {
    return this.call(
      {
        method: 'POST',
        path: 'experiments/search',
        body: {
          filter: request.filter,
          max_results: request.maxResults,
          view_type: 'ACTIVE_ONLY',
          page_token: request.pageToken,
        },
        what: `search experiments (${request.filter})`,
      },
      z.object({
        experiments: z.array(experimentSchema).optional(),
        next_page_token: z.string().optional(),
      }),
    );
  }

  /** Makes an experiment; answers its id. */
  async createExperiment(name: string, experimentTags: Record<string, string>) {
    const body = await this.call(
      {
        method: 'POST',
        path: 'experiments/create',
        body: { name, tags: tagList(experimentTags) },
        what: `create experiment ${name}`,
      },
      z.object({ experiment_id: z.string() }),
    );
    return body.experiment_id;
  }

  /** Starts a run (status RUNNING) that a job's code then logs to; answers it. */
  async createRun(request: {
    experimentId: string;
    runName: string;
    startTime: number;
    tags: Record<string, string>;
  }) {
    const body = await this.call(
      {
        method: 'POST',
        path: 'runs/create',
        body: {
          experiment_id: request.experimentId,
          run_name: request.runName,
          start_time: request.startTime,
          tags: tagList(request.tags),
        },
        what: `create a run in experiment ${request.experimentId}`,
      },
      z.object({ run: runSchema }),
    );
    return body.run;
  }

  /** Ends a run: FINISHED, FAILED or KILLED, at `endTime` (ms). */
  async updateRun(
    runId: string,
    status: 'FINISHED' | 'FAILED' | 'KILLED',
    endTime: number,
  ) {
    await this.call(
      {
        method: 'POST',
        path: 'runs/update',
        body: { run_id: runId, status, end_time: endTime },
        what: `end run ${runId}`,
      },
      z.object({}).passthrough(),
    );
  }

  async searchRuns(request: {
    experimentIds: string[];
    filter?: string;
    orderBy?: string[];
    maxResults: number;
    pageToken?: string;
  }) {
    return this.call(
      {
        method: 'POST',
        path: 'runs/search',
        body: {
          experiment_ids: request.experimentIds,
          filter: request.filter ?? '',
          run_view_type: 'ACTIVE_ONLY',
          max_results: request.maxResults,
          order_by: request.orderBy ?? [],
          page_token: request.pageToken,
        },
        what: `search the runs of experiment ${request.experimentIds.join(
          ', ',
        )}`,
      },
      z.object({
        runs: z.array(runSchema).optional(),
        next_page_token: z.string().optional(),
      }),
    );
  }

  async getRun(runId: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `runs/get?${new URLSearchParams({ run_id: runId })}`,
        what: `read run ${runId}`,
      },
      z.object({ run: runSchema }),
    );
    return body.run;
  }

  /** A metric's whole history, page by page. */
  async getMetricHistory(runId: string, key: string) {
    const points: z.infer<typeof metricSchema>[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({
        run_id: runId,
        metric_key: key,
        max_results: '25000',
      });
      if (pageToken) query.set('page_token', pageToken);
      const body = await this.call(
        {
          method: 'GET',
          path: `metrics/get-history?${query}`,
          what: `read the history of ${key} of run ${runId}`,
        },
        z.object({
          metrics: z.array(metricSchema).optional(),
          next_page_token: z.string().optional(),
        }),
      );
      points.push(...(body.metrics ?? []));
      pageToken = body.next_page_token || undefined;
    } while (pageToken);
    return points;
  }

  async getRegisteredModel(name: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `registered-models/get?${new URLSearchParams({ name })}`,
        what: `read registered model ${name}`,
      },
      z.object({ registered_model: registeredModelSchema }),
    );
    return body.registered_model;
  }

  async searchRegisteredModels(request: {
    maxResults: number;
    pageToken?: string;
  }) {
    const query = new URLSearchParams({
      max_results: String(request.maxResults),
    });
    if (request.pageToken) query.set('page_token', request.pageToken);
    return this.call(
      {
        method: 'GET',
        path: `registered-models/search?${query}`,
        what: 'list registered models',
      },
      z.object({
        registered_models: z.array(registeredModelSchema).optional(),
        next_page_token: z.string().optional(),
      }),
    );
  }

  async searchModelVersions(request: {
    name: string;
    maxResults: number;
    pageToken?: string;
  }) {
    const query = new URLSearchParams({
      filter: `name='${request.name.replace(/'/g, "\\'")}'`,
      max_results: String(request.maxResults),
      order_by: 'version_number DESC',
    });
    if (request.pageToken) query.set('page_token', request.pageToken);
    return this.call(
      {
        method: 'GET',
        path: `model-versions/search?${query}`,
        what: `list the versions of ${request.name}`,
      },
      z.object({
        model_versions: z.array(modelVersionSchema).optional(),
        next_page_token: z.string().optional(),
      }),
    );
  }

  async getModelVersion(name: string, version: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `model-versions/get?${new URLSearchParams({ name, version })}`,
        what: `read version ${version} of ${name}`,
      },
      z.object({ model_version: modelVersionSchema }),
    );
    return body.model_version;
  }

  /**
   * Where a version's files are: the artifact store's URI (for an MLflow 3 version whose source
   * is `models:/m-...`, the logged model's artifacts), which a model server downloads from.
   */
  async getModelVersionDownloadUri(name: string, version: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `model-versions/get-download-uri?${new URLSearchParams({
          name,
          version,
        })}`,
        what: `find the files of version ${version} of ${name}`,
      },
      z.object({ artifact_uri: z.string() }),
    );
    return body.artifact_uri;
  }

  /** The version an alias of a registered model points at. */
  async getModelVersionByAlias(name: string, alias: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `registered-models/alias?${new URLSearchParams({ name, alias })}`,
        what: `read alias ${alias} of ${name}`,
      },
      z.object({ model_version: modelVersionSchema }),
    );
    return body.model_version;
  }

  /** MLflow 3: one logged model. */
  async getLoggedModel(modelId: string) {
    const body = await this.call(
      {
        method: 'GET',
        path: `logged-models/${encodeURIComponent(modelId)}`,
        what: `read logged model ${modelId}`,
      },
      z.object({ model: loggedModelSchema }),
    );
    return body.model;
  }

  /** MLflow 3: the logged models of experiments. */
  async searchLoggedModels(request: {
    experimentIds: string[];
    maxResults: number;
  }) {
    return this.call(
      {
        method: 'POST',
        path: 'logged-models/search',
        body: {
          experiment_ids: request.experimentIds,
          max_results: request.maxResults,
        },
        what: `list the logged models of experiment ${request.experimentIds.join(
          ', ',
        )}`,
      },
      z.object({
        models: z.array(loggedModelSchema).optional(),
        next_page_token: z.string().optional(),
      }),
    );
  }

  /** Where a person opens something in the MLflow UI (a `#/...` route). */
  uiUrl(route: string): string {
    return `${(this.server.uiUrl ?? this.server.baseUrl).replace(
      /\/$/,
      '',
    )}/#${route}`;
  }

  private async call<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
    const { method, path, body, what } = request;
    const where = `MLflow server '${this.server.name}'`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.server.token)
      headers.Authorization = `Bearer ${this.server.token}`;
    else if (this.server.username) {
      headers.Authorization = `Basic ${Buffer.from(
        `${this.server.username}:${this.server.password}`,
      ).toString('base64')}`;
    }
    const send = () => {
      this.requestCount += 1;
      return this.fetchImpl(
        `${this.server.baseUrl.replace(/\/$/, '')}/api/2.0/mlflow/${path}`,
        {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        },
      );
    };
    let response: Response;
    let text: string;
    try {
      // A kept-alive socket the server had closed fails before any answer: the request never
      // reached MLflow, so it goes once more on a new connection.
      response = await send().catch(error => {
        if (!closedBeforeAnswer(error)) throw error;
        return send();
      });
      text = await response.text();
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs / 1000} s`
          : describe(error as Error);
      throw new ServiceUnavailableError(
        `Could not ${what}: ${where} at ${this.server.baseUrl} did not answer (${reason}). Check that it is up and mlflow.servers points at it.`,
      );
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = errorSchema.safeParse(json);
      const code = problem.success ? problem.data.error_code : undefined;
      const message =
        (problem.success && problem.data.message) || text.slice(0, 300);
      if (code === 'RESOURCE_DOES_NOT_EXIST' || response.status === 404) {
        throw new NotFoundError(`Could not ${what}: ${message}`);
      }
      if (code === 'INVALID_PARAMETER_VALUE' || code === 'BAD_REQUEST') {
        throw new InputError(`Could not ${what}: ${where} says ${message}`);
      }
      if (response.status === 401 || response.status === 403) {
        throw new BadGatewayError(
          `Could not ${what}: ${where} refused the portal's credentials (${response.status}); check mlflow.servers[].token or username/password`,
        );
      }
      throw new BadGatewayError(
        `Could not ${what}: ${where} failed (${response.status}${
          code ? ` ${code}` : ''
        }): ${message}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new BadGatewayError(
        `Could not ${what}: ${where} answered something that is not MLflow's API (${
          json === undefined
            ? `not JSON: ${text.slice(0, 100)}`
            : parsed.error.issues
                .slice(0, 2)
                .map(i => `${i.path.join('.')}: ${i.message}`)
                .join('; ')
        })`,
      );
    }
    return parsed.data;
  }
}

/** undici's error for a socket the other side closed before any answer came. */
function closedBeforeAnswer(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'UND_ERR_SOCKET';
}

/** fetch's own message ("fetch failed") with the socket's reason after it. */
function describe(error: Error): string {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause ? `${error.message}: ${cause}` : error.message;
}
