import {
  type CreateQuotaRequest,
  createQuotaRequestSchema,
  type GpuResourceUsage,
} from '@internal/plugin-gpu-quota-common';

export type DurationUnit = 'days' | 'weeks';

/** What the dialog holds: text as typed, so nothing the user entered is lost on an error. */
export type RequestFormValues = {
  resource: string;
  amount: string;
  justification: string;
  duration: string;
  unit: DurationUnit;
};

export type RequestFormField =
  | 'resource'
  | 'amount'
  | 'justification'
  | 'duration';
export type RequestFormErrors = Partial<Record<RequestFormField, string>>;

const DAYS_PER_UNIT: Record<DurationUnit, number> = { days: 1, weeks: 7 };

const FIELD_OF_KEY: Record<keyof CreateQuotaRequest, RequestFormField> = {
  team: 'resource',
  resource: 'resource',
  amount: 'amount',
  justification: 'justification',
  durationDays: 'duration',
};

const LABEL_OF_KEY: Record<keyof CreateQuotaRequest, string> = {
  team: 'Team',
  resource: 'Resource',
  amount: 'New total',
  justification: 'Justification',
  durationDays: 'Duration',
};

function toNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * Checks the form with the backend's own schema, so the user sees the same rule before sending,
 * and builds the body of POST /requests.
 */
export function validateRequestForm(
  team: string,
  values: RequestFormValues,
  resources: GpuResourceUsage[],
): { body: CreateQuotaRequest } | { errors: RequestFormErrors } {
  const duration = toNumber(values.duration);
  const candidate = {
    team,
    resource: values.resource,
    amount: toNumber(values.amount),
    justification: values.justification,
    durationDays:
      duration === undefined
        ? undefined
        : duration * DAYS_PER_UNIT[values.unit],
  };
  const errors: RequestFormErrors = {};
  const parsed = createQuotaRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof CreateQuotaRequest;
      const field = FIELD_OF_KEY[key] ?? 'resource';
      errors[field] ??= `${LABEL_OF_KEY[key] ?? key} ${issue.message}`;
    }
  }
  const current = resources.find(r => r.resource === values.resource);
  if (
    !errors.amount &&
    current &&
    typeof candidate.amount === 'number' &&
    candidate.amount <= current.hard
  ) {
    errors.amount = `New total must be more than the ${current.hard} GPUs the team has now: enter the total you need, not the difference`;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    return { errors };
  }
  return { body: parsed.data };
}
