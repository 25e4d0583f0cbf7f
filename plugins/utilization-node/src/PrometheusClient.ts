import { ServiceUnavailableError } from '@backstage/errors';
import { BadGatewayError } from '@internal/plugin-mlp-node';
import { z } from 'zod';
import type { PrometheusSettings } from './settings';

/** One series of an instant query's answer: its labels and its value at the query's time. */
export type VectorSample = { metric: Record<string, string>; value: number };

const answerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({
      resultType: z.literal('vector'),
      result: z.array(
        z.object({
          metric: z.record(z.string(), z.string()),
          value: z.tuple([z.number(), z.string()]),
        }),
      ),
    }),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string(),
    error: z.string(),
  }),
]);

/**
 * A client of Prometheus's HTTP API (`/api/v1/query`). One request path: the token is added here,
 * answers are checked against the shape Prometheus documents, and failures become errors with a
 * status: unreachable or too slow 503, an error or an unreadable answer 502.
 */
export class PrometheusClient {
  /** Queries sent so far: tests count them. */
  requestCount = 0;

  constructor(
    readonly settings: PrometheusSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** An instant query evaluated at `time`; the query is sent in the body (it can be long). */
  async instant(query: string, time: Date): Promise<VectorSample[]> {
    const where = `Prometheus at ${this.settings.baseUrl}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    if (this.settings.token)
      headers.Authorization = `Bearer ${this.settings.token}`;
    this.requestCount += 1;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.settings.baseUrl}/api/v1/query`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({
          query,
          time: (time.getTime() / 1000).toFixed(3),
        }).toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const e = error as Error & { cause?: { message?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${this.settings.timeoutMs / 1000} s`
          : `${e.message}${e.cause?.message ? `: ${e.cause.message}` : ''}`;
      throw new ServiceUnavailableError(
        `${where} did not answer (${reason}); check that it is up and utilization.prometheus.baseUrl points at it`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadGatewayError(
        `${where} answered ${
          response.status
        } with something that is not its API: ${text.slice(0, 120)}`,
      );
    }
    const parsed = answerSchema.safeParse(json);
    if (!parsed.success) {
      throw new BadGatewayError(
        `${where} answered ${
          response.status
        } with something that is not its API (${parsed.error.issues
          .slice(0, 2)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')})`,
      );
    }
    if (parsed.data.status === 'error') {
      throw new BadGatewayError(
        `${where} refused the query (${response.status} ${parsed.data.errorType}): ${parsed.data.error}`,
      );
    }
    return parsed.data.data.result.map(r => ({
      metric: r.metric,
      value: Number(r.value[1]),
    }));
  }
}
