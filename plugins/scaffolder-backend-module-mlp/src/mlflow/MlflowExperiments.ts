import { z } from 'zod';
import { MlflowError } from '../errors';
import { MlflowServer } from '../settings';

const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  lifecycle_stage: z.string().optional(),
});
export type MlflowExperiment = z.infer<typeof experimentSchema>;

const errorSchema = z.object({
  error_code: z.string().optional(),
  message: z.string().optional(),
});

/** The MLflow experiments REST API (2.0 paths), through one request path. */
export class MlflowExperiments {
  constructor(
    private readonly server: MlflowServer,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The experiment of that name, or undefined when MLflow has none. */
  async getByName(name: string): Promise<MlflowExperiment | undefined> {
    const query = new URLSearchParams({ experiment_name: name });
    const body = await this.request(
      'GET',
      `experiments/get-by-name?${query}`,
      undefined,
      ['RESOURCE_DOES_NOT_EXIST'],
    );
    if (!body) return undefined;
    return z.object({ experiment: experimentSchema }).parse(body).experiment;
  }

  async create(name: string, tags: Record<string, string>): Promise<string> {
    const body = await this.request('POST', 'experiments/create', {
      name,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    return z.object({ experiment_id: z.string() }).parse(body).experiment_id;
  }

  experimentUrl(id: string): string {
    return `${(this.server.uiUrl ?? this.server.baseUrl).replace(
      /\/$/,
      '',
    )}/#/experiments/${id}`;
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    absentCodes: string[] = [],
  ): Promise<unknown | undefined> {
    const url = `${this.server.baseUrl.replace(
      /\/$/,
      '',
    )}/api/2.0/mlflow/${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: body ? { 'Content-Type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new MlflowError(
        `MLflow server '${this.server.name}' at ${
          this.server.baseUrl
        } did not answer (${
          (error as Error).message
        }); check that it is up and mlflow.servers points at it`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (response.ok) return json;
    const problem = errorSchema.safeParse(json);
    const code = problem.success ? problem.data.error_code : undefined;
    if (code && absentCodes.includes(code)) return undefined;
    throw new MlflowError(
      `MLflow server '${this.server.name}' refused ${method} ${
        path.split('?')[0]
      } (${response.status}${code ? ` ${code}` : ''}): ${
        (problem.success && problem.data.message) || text.slice(0, 300)
      }`,
    );
  }
}
