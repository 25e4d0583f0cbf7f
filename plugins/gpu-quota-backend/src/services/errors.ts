import { CustomErrorBase } from '@backstage/errors';

/** The Kubernetes API server refused a change the portal asked for: the upstream failed (502). */
export class ClusterRefusedError extends CustomErrorBase {
  name = 'ClusterRefusedError' as const;
  readonly statusCode = 502;
}

/** A request body over the size limit (413), with a message that says what to shorten. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
