import { CustomErrorBase } from '@backstage/errors';

/** One field Coder found wrong, as in its error body's `validations`. */
export type CoderValidation = { field: string; detail: string };

/**
 * Coder answered with an error status (`coderStatus`; not `status`, so it never passes through
 * as the portal's own answer by accident). Carries Coder's own `message`, `detail` and
 * `validations` (codersdk.Response), so callers can show Coder's words.
 */
export class CoderApiError extends CustomErrorBase {
  name = 'CoderApiError' as const;

  constructor(
    readonly coderStatus: number,
    readonly coderMessage: string,
    readonly detail?: string,
    readonly validations: CoderValidation[] = [],
  ) {
    super(
      `Coder answered ${coderStatus}: ${coderMessage}${
        detail ? ` (${detail})` : ''
      }${
        validations.length
          ? `; ${validations.map(v => `${v.field}: ${v.detail}`).join('; ')}`
          : ''
      }`,
    );
  }
}

/** Coder could not be reached, or did not answer in time. */
export class CoderUnreachableError extends CustomErrorBase {
  name = 'CoderUnreachableError' as const;
}

/** Coder answered, but not with what its API documents (an HTML page, a proxy error...). */
export class CoderBadAnswerError extends CustomErrorBase {
  name = 'CoderBadAnswerError' as const;
}
