// Coder's error bodies (codersdk.Response) and the exact messages the fake answers with.
// Where each text comes from is listed in COMPATIBILITY.md ("Error bodies").

/** codersdk.ValidationError */
export type CoderValidation = { field: string; detail: string };

/** codersdk.Response: `detail` and `validations` are omitted when empty, as Go's omitempty does. */
export type CoderResponseBody = {
  message: string;
  detail?: string;
  validations?: CoderValidation[];
};

/**
 * Thrown by the fake's handlers; the server writes `status` and `body` as the answer (no body at
 * all when it is undefined, as real Coder's router answers a 405).
 */
export class CoderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: CoderResponseBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'CoderHttpError';
  }
}

export const RESOURCE_NOT_FOUND =
  'Resource not found or you do not have access to this resource';
export const SIGNED_OUT =
  'You are signed out or your session has expired. Please sign in again to continue.';

/** Builds a body the way Go marshals codersdk.Response (empty detail/validations left out). */
export function responseBody(
  message: string,
  detail?: string,
  validations?: CoderValidation[],
): CoderResponseBody {
  const body: CoderResponseBody = { message };
  if (detail) body.detail = detail;
  if (validations && validations.length > 0) body.validations = validations;
  return body;
}

export function httpError(
  status: number,
  message: string,
  detail?: string,
  validations?: CoderValidation[],
): CoderHttpError {
  return new CoderHttpError(status, responseBody(message, detail, validations));
}

/** httpapi.ResourceNotFound: every 404 for a missing or forbidden resource looks the same. */
export function resourceNotFound(): CoderHttpError {
  return httpError(404, RESOURCE_NOT_FOUND);
}

/** httpapi.RouteNotFound */
export function routeNotFound(): CoderHttpError {
  return httpError(404, 'Route not found.');
}

/** httpmw.ExtractAPIKey: every missing or bad session answers 401 with this message. */
export function signedOut(detail: string): CoderHttpError {
  return httpError(401, SIGNED_OUT, detail);
}

/** httpapi.Read: a body that is not JSON (or does not fit the Go struct). */
export function invalidJson(detail: string): CoderHttpError {
  return httpError(400, 'Request body must be valid JSON.', detail);
}

/** httpapi.Read: a go-playground validator tag failed on a field. */
export function tagValidation(
  field: string,
  tag: string,
  value: string,
): CoderValidation {
  return {
    field,
    detail: `Validation failed for tag ${goQuote(tag)} with value: "${value}"`,
  };
}

export function validationFailed(
  validations: CoderValidation[],
): CoderHttpError {
  return httpError(400, 'Validation failed.', undefined, validations);
}

/** httpmw.ParseUUIDParam */
export function invalidUuidParam(raw: string): CoderHttpError {
  return httpError(400, `Invalid UUID ${goQuote(raw)}.`, uuidParseError(raw));
}

/** The text of google/uuid's Parse error for a string that is not a UUID. */
export function uuidParseError(raw: string): string {
  if (![32, 36, 38, 45].includes(raw.length)) {
    return `invalid UUID length: ${raw.length}`;
  }
  return 'invalid UUID format';
}

const UUID_RE =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(raw: string): boolean {
  return UUID_RE.test(raw);
}

/** Go's %q for the plain strings the fake quotes (names, ids, values). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
