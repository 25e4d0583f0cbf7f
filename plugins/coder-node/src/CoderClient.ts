import { z } from 'zod';
import {
  CoderApiError,
  CoderBadAnswerError,
  CoderUnreachableError,
} from './errors';
import {
  coderBuildParametersSchema,
  CoderCreateWorkspaceRequest,
  coderOrganizationSchema,
  coderTemplateParameterSchema,
  coderTemplateSchema,
  coderUserSchema,
  coderWorkspaceBuildSchema,
  coderWorkspaceQuotaSchema,
  coderWorkspaceSchema,
  coderWorkspacesSchema,
} from './types';

const enc = encodeURIComponent;

const errorBodySchema = z.object({
  message: z.string(),
  detail: z.string().optional(),
  validations: z
    .array(z.object({ field: z.string(), detail: z.string() }))
    .nullable()
    .optional(),
});

/**
 * A typed client of Coder's REST API v2. Every call names the session token it acts with, so one
 * client serves every user; all calls go through `request`, which checks the answer's shape.
 */
export class CoderClient {
  constructor(
    private readonly baseUrl: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  me(token: string) {
    return this.request(token, 'GET', '/users/me', coderUserSchema);
  }

  organizations(token: string) {
    return this.request(
      token,
      'GET',
      '/users/me/organizations',
      z.array(coderOrganizationSchema),
    );
  }

  templates(token: string, organizationId: string) {
    return this.request(
      token,
      'GET',
      `/organizations/${enc(organizationId)}/templates`,
      z.array(coderTemplateSchema),
    );
  }

  templateParameters(token: string, templateVersionId: string) {
    return this.request(
      token,
      'GET',
      `/templateversions/${enc(templateVersionId)}/rich-parameters`,
      z.array(coderTemplateParameterSchema),
    );
  }

  /** Coder's workspace search, e.g. `owner:me template:gpu param:"repo_url=..."`. */
  searchWorkspaces(
    token: string,
    query: string,
    page: { limit: number; offset: number },
  ) {
    const params = new URLSearchParams({
      q: query,
      limit: String(page.limit),
      offset: String(page.offset),
    });
    return this.request(
      token,
      'GET',
      `/workspaces?${params}`,
      coderWorkspacesSchema,
    );
  }

  workspace(token: string, id: string) {
    return this.request(
      token,
      'GET',
      `/workspaces/${enc(id)}`,
      coderWorkspaceSchema,
    );
  }

  buildParameters(token: string, buildId: string) {
    return this.request(
      token,
      'GET',
      `/workspacebuilds/${enc(buildId)}/parameters`,
      coderBuildParametersSchema,
    );
  }

  createWorkspace(
    token: string,
    organizationId: string,
    body: CoderCreateWorkspaceRequest,
  ) {
    return this.request(
      token,
      'POST',
      `/organizations/${enc(organizationId)}/members/me/workspaces`,
      coderWorkspaceSchema,
      body,
    );
  }

  createBuild(
    token: string,
    workspaceId: string,
    transition: 'start' | 'stop' | 'delete',
  ) {
    return this.request(
      token,
      'POST',
      `/workspaces/${enc(workspaceId)}/builds`,
      coderWorkspaceBuildSchema,
      { transition },
    );
  }

  workspaceQuota(token: string, user: string) {
    return this.request(
      token,
      'GET',
      `/workspace-quota/${enc(user)}`,
      coderWorkspaceQuotaSchema,
    );
  }

  private async request<T>(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const url = `${this.baseUrl}/api/v2${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Accept: 'application/json',
          'Coder-Session-Token': token,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new CoderUnreachableError(
        `Coder at ${this.baseUrl} did not answer ${method} ${
          path.split('?')[0]
        }`,
        error,
      );
    }
    const text = await res.text();
    if (!res.ok && text.trim() === '') {
      // Coder answers some errors with no body at all (405 Method Not Allowed, from its router):
      // the status is the whole answer.
      throw new CoderApiError(
        res.status,
        `${res.status} ${
          res.statusText || 'error'
        } with no message, for ${method} ${path.split('?')[0]}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CoderBadAnswerError(
        `Coder at ${this.baseUrl} answered ${method} ${
          path.split('?')[0]
        } with ${res.status} and no JSON (${text.slice(0, 80).trim()})`,
      );
    }
    if (!res.ok) {
      const parsed = errorBodySchema.safeParse(json);
      if (!parsed.success) {
        throw new CoderBadAnswerError(
          `Coder at ${this.baseUrl} answered ${res.status} without its error body`,
        );
      }
      throw new CoderApiError(
        res.status,
        parsed.data.message,
        parsed.data.detail || undefined,
        parsed.data.validations ?? [],
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CoderBadAnswerError(
        `Coder at ${this.baseUrl} answered ${method} ${
          path.split('?')[0]
        } in an unexpected shape: ${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }
}
