import { CustomErrorBase } from '@backstage/errors';
import { z } from 'zod';

/** OpenCost could not be reached, answered with an error, or answered something unreadable. */
export class OpenCostError extends CustomErrorBase {
  name = 'OpenCostError' as const;
}

const labelsSchema = z.record(z.string(), z.string()).optional();

/** The fields of an OpenCost allocation this portal reads; others are ignored. */
const allocationSchema = z.object({
  name: z.string(),
  properties: z
    .object({
      namespace: z.string().optional(),
      pod: z.string().optional(),
      labels: labelsSchema,
      namespaceLabels: labelsSchema,
    })
    .optional(),
  window: z.object({ start: z.string(), end: z.string() }),
  gpuHours: z.number().optional(),
  gpuCost: z.number().optional(),
  gpuCostAdjustment: z.number().optional(),
});

const answerSchema = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.array(z.record(z.string(), allocationSchema).nullable()).optional(),
});

export type OpenCostAllocation = z.infer<typeof allocationSchema>;

/**
 * Reads GPU cost per pod from OpenCost's allocation API (`GET /allocation/compute`). One request
 * path; answers are validated, and every failure is an OpenCostError that says what to check.
 */
export class OpenCostClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly timeoutMs = 60_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  /** Allocations per pod over [start, end), accumulated into one set. */
  async podAllocations(start: Date, end: Date): Promise<OpenCostAllocation[]> {
    const query = new URLSearchParams({
      window: `${start.toISOString().replace('.000Z', 'Z')},${end
        .toISOString()
        .replace('.000Z', 'Z')}`,
      aggregate: 'pod',
      accumulate: 'true',
    });
    const answer = await this.request(`/allocation/compute?${query}`);
    return (answer.data ?? []).flatMap(set =>
      Object.values(set ?? {}).filter(a => !a.name.startsWith('__')),
    );
  }

  private async request(path: string) {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OpenCostError(
        `OpenCost at ${this.baseUrl} did not answer (${String(
          (error as Error).message,
        )}). Check cost.opencost.baseUrl and that OpenCost runs.`,
        error as Error,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new OpenCostError(
        `OpenCost at ${this.baseUrl} answered ${
          response.status
        } with something that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    const parsed = answerSchema.safeParse(json);
    if (!parsed.success) {
      throw new OpenCostError(
        `OpenCost at ${this.baseUrl} answered ${
          response.status
        } in a shape this portal does not read (${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')})`,
      );
    }
    if (!response.ok || parsed.data.code !== 200) {
      throw new OpenCostError(
        `OpenCost at ${this.baseUrl} refused ${path.split('?')[0]} (${
          response.status
        }, code ${parsed.data.code}): ${
          parsed.data.message ?? text.slice(0, 200)
        }`,
      );
    }
    return parsed.data;
  }
}
