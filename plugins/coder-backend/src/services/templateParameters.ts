import { InputError } from '@backstage/errors';
import type {
  CoderTemplateSummary,
  CreateWorkspaceRequest,
} from '@internal/plugin-coder-common';
import type { CoderSettings } from '@internal/plugin-coder-node';

/**
 * The values the portal fills in: GPU count and repository. Refuses templates that lack the
 * parameters the request needs, counts outside the template's bounds, and required parameters
 * the portal cannot fill.
 */
export function parameterValues(
  template: CoderTemplateSummary,
  request: CreateWorkspaceRequest,
  settings: CoderSettings,
): Array<{ name: string; value: string }> {
  const { gpuCount, repoUrl } = settings.parameters;
  const gpu = template.gpuParameter;
  if (!gpu) {
    throw new InputError(
      `template: Coder template "${template.name}" has no "${gpuCount}" parameter, so the portal cannot give it GPUs or check them against the quota; choose a GPU template, or ask a platform keeper to add the parameter (name set by coder.parameters.gpuCount)`,
    );
  }
  if (gpu.min !== undefined && request.gpus < gpu.min) {
    throw new InputError(
      `gpus: template "${template.name}" needs at least ${gpu.min} GPU(s)`,
    );
  }
  if (gpu.max !== undefined && request.gpus > gpu.max) {
    throw new InputError(
      `gpus: template "${template.name}" allows at most ${gpu.max} GPU(s)`,
    );
  }
  const values = [{ name: gpu.name, value: String(request.gpus) }];
  if (request.repoUrl) {
    if (!template.repoParameter) {
      throw new InputError(
        `template: Coder template "${template.name}" has no "${repoUrl}" parameter, so it cannot clone ${request.repoUrl}; choose a template that clones a repository (name set by coder.parameters.repoUrl)`,
      );
    }
    values.push({ name: template.repoParameter.name, value: request.repoUrl });
  }
  const unfilled = template.parameters.filter(
    p =>
      p.required &&
      p.defaultValue === '' &&
      !values.some(v => v.name === p.name),
  );
  if (unfilled.length > 0) {
    throw new InputError(
      `template: Coder template "${template.name}" requires ${unfilled
        .map(p => `"${p.name}"`)
        .join(
          ', ',
        )} without a default, which the portal cannot fill; create this one in Coder, or ask for defaults`,
    );
  }
  return values;
}

/** Whether two repository URLs name the same repository (`.git` and trailing `/` aside). */
export function sameRepo(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const norm = (u: string) =>
    u
      .trim()
      .replace(/\.git$/, '')
      .replace(/\/+$/, '');
  return norm(a) === norm(b);
}
