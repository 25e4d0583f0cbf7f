import { CustomErrorBase } from '@backstage/errors';

export {
  KubeApiError,
  KubeUnreachableError,
  NotConfiguredError,
} from '@internal/plugin-mlp-kube-node';

/** An object exists that the portal did not create; it is left alone unless adopted. */
export class NotManagedError extends CustomErrorBase {
  name = 'NotManagedError' as const;
}

/** The team's GPU quota cannot hold what was asked for. */
export class QuotaExceededError extends CustomErrorBase {
  name = 'QuotaExceededError' as const;
}

/** The MLflow server answered with an error or could not be reached. */
export class MlflowError extends CustomErrorBase {
  name = 'MlflowError' as const;
}
