import { CustomErrorBase } from '@backstage/errors';

/** A request body over the size limit (413), with a message that says what to shorten. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
