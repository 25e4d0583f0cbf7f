import {
  type CoderTemplateSummary,
  type CreateWorkspaceRequest,
  workspaceNameSchema,
} from '@internal/plugin-coder-common';

export type CreateFormValues = { template: string; name: string; gpus: string };
export type CreateFormErrors = Partial<Record<keyof CreateFormValues, string>>;

export type GpuBounds = { min: number; max?: number; defaultValue: number };

/** How many GPUs a template allows, from its GPU parameter; undefined when it has none. */
export function gpuBounds(
  template: CoderTemplateSummary | undefined,
): GpuBounds | undefined {
  const parameter = template?.gpuParameter;
  if (!parameter) {
    return undefined;
  }
  const min = parameter.min ?? 0;
  const max = parameter.max;
  const parsed = Number.parseInt(parameter.defaultValue, 10);
  let defaultValue = Number.isFinite(parsed) ? parsed : min;
  defaultValue = Math.max(
    min,
    max === undefined ? defaultValue : Math.min(max, defaultValue),
  );
  return { min, max, defaultValue };
}

/** The form as it opens: the project's template when Coder has it, with that template's GPUs. */
export function initialValues(
  templates: CoderTemplateSummary[],
  preferred?: string,
): CreateFormValues {
  const template = templates.find(t => t.name === preferred);
  return {
    template: template?.name ?? '',
    name: '',
    gpus: String(gpuBounds(template)?.defaultValue ?? 0),
  };
}

/** Checks the form as Coder and the backend would, so the user learns what to fix at once. */
export function validateCreateForm(
  values: CreateFormValues,
  templates: CoderTemplateSummary[],
  context: { team: string; repoUrl?: string },
): { request: CreateWorkspaceRequest } | { errors: CreateFormErrors } {
  const errors: CreateFormErrors = {};
  const template = templates.find(t => t.name === values.template);
  if (!template) {
    errors.template = 'Choose a template';
  }
  const name = workspaceNameSchema.safeParse(values.name.trim());
  if (!name.success) {
    errors.name = `Name ${name.error.issues[0]?.message ?? 'is not valid'}`;
  }
  const bounds = gpuBounds(template);
  let gpus = 0;
  if (bounds) {
    gpus = Number(values.gpus);
    if (values.gpus.trim() === '' || !Number.isInteger(gpus)) {
      errors.gpus = 'Enter a whole number of GPUs';
    } else if (gpus < bounds.min) {
      errors.gpus = `At least ${bounds.min} for this template`;
    } else if (bounds.max !== undefined && gpus > bounds.max) {
      errors.gpus = `At most ${bounds.max} for this template`;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    request: {
      name: values.name.trim(),
      template: values.template,
      team: context.team,
      gpus,
      ...(context.repoUrl ? { repoUrl: context.repoUrl } : {}),
    },
  };
}
