// Rich parameter values for a new build, resolved and validated the way Coder's classic parameter
// flow does (wsbuilder.getParameters -> codersdk.ParameterResolver.ValidateResolve ->
// terraform-provider-coder Validation.Valid). Errors carry Coder's exact texts.
import { CoderHttpError, goQuote, httpError } from './errors';
import { FakeParameterSpec, ParameterRecord } from './store';

export type ParameterValue = { name: string; value: string };

/** A template parameter as the fake stores it, from the spec a test or seed gives. */
export function parameterRecord(spec: FakeParameterSpec): ParameterRecord {
  const type = spec.type ?? 'string';
  if (!['string', 'number', 'bool', 'list(string)'].includes(type)) {
    throw new Error(`parameter ${spec.name}: unsupported type ${type}`);
  }
  if (
    type !== 'number' &&
    (spec.validationMin !== undefined || spec.validationMax !== undefined)
  ) {
    // terraform-provider-coder refuses such a template at import time.
    throw new Error(
      `parameter ${spec.name}: a min or max cannot be specified for a ${type} type`,
    );
  }
  return {
    name: spec.name,
    displayName: spec.displayName ?? '',
    description: spec.description ?? '',
    type,
    defaultValue:
      spec.defaultValue === undefined ? '' : String(spec.defaultValue),
    required: spec.defaultValue === undefined,
    mutable: spec.mutable ?? false,
    ephemeral: spec.ephemeral ?? false,
    icon: spec.icon ?? '',
    options: (spec.options ?? []).map(o => ({
      name: o.name,
      value: o.value,
      description: o.description ?? '',
      icon: o.icon ?? '',
    })),
    validationMin: spec.validationMin,
    validationMax: spec.validationMax,
    validationRegex: spec.validationRegex,
    validationError: spec.validationError,
    validationMonotonic: spec.validationMonotonic,
  };
}

/**
 * The values a new build records for every template parameter: the value sent with the request,
 * else the previous build's value (unless ephemeral), else the default. Throws the 400 Coder
 * answers for the first parameter that does not validate.
 */
export function resolveBuildParameters(
  parameters: ParameterRecord[],
  sent: ParameterValue[],
  previous: ParameterValue[],
): ParameterValue[] {
  return parameters.map((p): ParameterValue => {
    const resolved = validateResolve(
      p,
      sent.find(v => v.name === p.name),
      previous.find(v => v.name === p.name),
    );
    if (typeof resolved === 'string') throw parameterError(p.name, resolved);
    return { name: p.name, value: resolved.value };
  });
}

function parameterError(name: string, detail: string): CoderHttpError {
  return httpError(
    400,
    `Unable to validate parameter ${goQuote(name)}`,
    detail,
  );
}

/** codersdk.ParameterResolver.ValidateResolve: a value, or the error text. */
function validateResolve(
  p: ParameterRecord,
  sent: ParameterValue | undefined,
  previous: ParameterValue | undefined,
): { value: string } | string {
  if (!p.mutable && sent && previous && sent.value !== previous.value) {
    return `Parameter ${goQuote(
      p.name,
    )} is not mutable, so it can't be updated after creating a workspace.`;
  }
  if (p.required && !sent && !previous) {
    return `Parameter ${goQuote(p.name)} is required but not provided`;
  }
  const resolved = sent ??
    (p.ephemeral ? undefined : previous) ?? {
      name: p.name,
      value: p.defaultValue,
    };
  const problem = validateBuildParameter(p, resolved, previous);
  if (problem !== undefined) {
    return `can't validate build parameter ${goQuote(
      p.displayName || p.name,
    )}: ${problem}`;
  }
  return { value: resolved.value };
}

/** codersdk.validateBuildParameter */
function validateBuildParameter(
  p: ParameterRecord,
  value: ParameterValue,
  previous: ParameterValue | undefined,
): string | undefined {
  let v = value.value;
  if (p.required && v === '') return 'parameter value is required';
  if (v === '') v = p.defaultValue;
  if (p.options.length > 0) {
    if (!p.options.some(o => o.value === v)) {
      return `parameter value must match one of options: [${p.options
        .map(o => o.value)
        .join(' ')}]`;
    }
    return undefined;
  }
  const validationEnabled =
    !!p.validationRegex ||
    p.validationMin !== undefined ||
    p.validationMax !== undefined ||
    !!p.validationMonotonic ||
    p.type === 'bool' ||
    p.type === 'list(string)';
  if (!validationEnabled) return undefined;
  return providerValidation(
    p,
    v,
    previous && previous.value !== '' ? previous.value : undefined,
  );
}

/** terraform-provider-coder provider.Validation.Valid */
function providerValidation(
  p: ParameterRecord,
  value: string,
  previous: string | undefined,
): string | undefined {
  if (p.type !== 'string' && p.validationRegex) {
    return `a regex cannot be specified for a ${p.type} type`;
  }
  switch (p.type) {
    case 'bool':
      if (value !== 'true' && value !== 'false') {
        return 'boolean value can be either "true" or "false"';
      }
      return undefined;
    case 'string': {
      if (!p.validationRegex) return undefined;
      if (!p.validationError) {
        return 'an error must be specified with a regex validation';
      }
      if (!new RegExp(p.validationRegex).test(value)) {
        return `${p.validationError} (value ${goQuote(
          value,
        )} does not match ${goQuote(p.validationRegex)})`;
      }
      return undefined;
    }
    case 'number': {
      if (!/^[+-]?\d+$/.test(value)) {
        return `value ${goQuote(value)} is not a number`;
      }
      const num = Number(value);
      if (p.validationMin !== undefined && num < p.validationMin) {
        return `value ${num} is less than the minimum ${p.validationMin}`;
      }
      if (p.validationMax !== undefined && num > p.validationMax) {
        return `value ${num} is more than the maximum ${p.validationMax}`;
      }
      if (p.validationMonotonic && previous !== undefined) {
        const prev = Number(previous);
        if (p.validationMonotonic === 'increasing' && num < prev) {
          return `parameter value '${num}' must be equal or greater than previous value: ${prev}`;
        }
        if (p.validationMonotonic === 'decreasing' && num > prev) {
          return `parameter value '${num}' must be equal or lower than previous value: ${prev}`;
        }
      }
      return undefined;
    }
    case 'list(string)': {
      let ok = false;
      try {
        const parsed: unknown = JSON.parse(value);
        ok = Array.isArray(parsed) && parsed.every(i => typeof i === 'string');
      } catch {
        ok = false;
      }
      return ok
        ? undefined
        : `value ${goQuote(value)} is not valid list of strings`;
    }
    default:
      return undefined;
  }
}
