import type { AuthService } from '@backstage/backend-plugin-api';
import type { CostBudgetService } from '@internal/plugin-cost-node';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import type { RunningJob } from './RunningJobs';

/**
 * Stops an idle training job without deleting it: its Workflow is told to stop
 * (`spec.shutdown: Stop`, so Argo starts nothing more and keeps its history), its running pods
 * are deleted at once (the ledger bills them until then), and its budget reservation is given
 * back.
 */
export class JobStopper {
  constructor(
    private readonly kube: KubeHttp,
    private readonly budget: CostBudgetService,
    private readonly auth: AuthService,
  ) {}

  async stop(job: RunningJob): Promise<void> {
    const ns = encodeURIComponent(job.team);
    await this.kube.request({
      method: 'PATCH',
      path: `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflows/${encodeURIComponent(
        job.id,
      )}`,
      contentType: 'application/merge-patch+json',
      body: { spec: { shutdown: 'Stop' } },
      what: `stop the Workflow of job ${job.team}/${job.id}`,
      absent: [404],
    });
    for (const pod of job.pods) {
      await this.kube.request({
        method: 'DELETE',
        path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(
          pod,
        )}?gracePeriodSeconds=0`,
        what: `stop pod ${job.team}/${pod} of job ${job.id}`,
        absent: [404],
      });
    }
    if (job.reservationId) {
      await this.budget.release(job.reservationId, {
        credentials: await this.auth.getOwnServiceCredentials(),
      });
    }
  }
}
