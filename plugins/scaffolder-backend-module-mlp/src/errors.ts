import { CustomErrorBase } from '@backstage/errors';

/** The Kubernetes API server answered with an error status. */
export class KubeApiError extends CustomErrorBase {
  name = 'KubeApiError' as const;
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The Kubernetes API server could not be reached at all. */
export class KubeUnreachableError extends CustomErrorBase {
  name = 'KubeUnreachableError' as const;
}

/** An object exists that the portal did not create; it is left alone unless adopted. */
export class NotManagedError extends CustomErrorBase {
  name = 'NotManagedError' as const;
}

/** No cluster, MLflow server or folder is configured for what an action needs. */
export class NotConfiguredError extends CustomErrorBase {
  name = 'NotConfiguredError' as const;
}

/** The team's GPU quota cannot hold what was asked for. */
export class QuotaExceededError extends CustomErrorBase {
  name = 'QuotaExceededError' as const;
}

/** The MLflow server answered with an error or could not be reached. */
export class MlflowError extends CustomErrorBase {
  name = 'MlflowError' as const;
}
