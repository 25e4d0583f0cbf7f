import type {
  CoderTemplateSummary,
  CoderWorkspace,
  TemplateParameter,
} from '@internal/plugin-coder-common';
import type {
  CoderApiWorkspace,
  CoderTemplate,
  CoderTemplateParameter,
} from '@internal/plugin-coder-node';

export type ParameterNames = { repoUrl: string; gpuCount: string };

/** A Coder workspace as the portal shows it, with its latest build's parameters. */
export function workspaceView(
  ws: CoderApiWorkspace,
  parameters: Array<{ name: string; value: string }>,
  options: { coderUrl: string; names: ParameterNames },
): CoderWorkspace {
  const byName = Object.fromEntries(parameters.map(p => [p.name, p.value]));
  const gpus = Number(byName[options.names.gpuCount]);
  const build = ws.latest_build;
  const vscode = new URLSearchParams({
    owner: ws.owner_name,
    workspace: ws.name,
    url: options.coderUrl,
  });
  return {
    id: ws.id,
    name: ws.name,
    owner: ws.owner_name,
    template: ws.template_name,
    templateDisplayName: ws.template_display_name || ws.template_name,
    state: build.status,
    transition: build.transition,
    ...(build.status === 'failed' || build.job.error
      ? { buildError: build.job.error || 'the build failed' }
      : {}),
    createdAt: ws.created_at,
    lastUsedAt: ws.last_used_at,
    ...(byName[options.names.gpuCount] !== undefined && Number.isFinite(gpus)
      ? { gpus }
      : {}),
    ...(byName[options.names.repoUrl]
      ? { repoUrl: byName[options.names.repoUrl] }
      : {}),
    parameters: byName,
    outdated: ws.outdated,
    links: {
      dashboard: `${options.coderUrl}/@${encodeURIComponent(
        ws.owner_name,
      )}/${encodeURIComponent(ws.name)}`,
      // The URI Coder's VS Code extension registers (coder/vscode-coder).
      vscode: `vscode://coder.coder-remote/open?${vscode}`,
    },
  };
}

function parameterView(p: CoderTemplateParameter): TemplateParameter {
  return {
    name: p.name,
    displayName: p.display_name || p.name,
    type: p.type,
    defaultValue: p.default_value,
    required: p.required,
    ...(typeof p.validation_min === 'number' ? { min: p.validation_min } : {}),
    ...(typeof p.validation_max === 'number' ? { max: p.validation_max } : {}),
    options: (p.options ?? []).map(o => o.value),
  };
}

export function templateView(
  template: CoderTemplate,
  parameters: CoderTemplateParameter[],
  names: ParameterNames,
): CoderTemplateSummary {
  const views = parameters.map(parameterView);
  const gpu = views.find(p => p.name === names.gpuCount);
  const repo = views.find(p => p.name === names.repoUrl);
  return {
    id: template.id,
    name: template.name,
    displayName: template.display_name || template.name,
    description: template.description,
    ...(gpu ? { gpuParameter: gpu } : {}),
    ...(repo ? { repoParameter: repo } : {}),
    parameters: views,
  };
}
