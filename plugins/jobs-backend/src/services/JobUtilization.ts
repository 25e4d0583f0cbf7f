import type { Job } from '@internal/plugin-jobs-common';
import {
  combineUtilization,
  roundUtilization,
} from '@internal/plugin-utilization-common';
import {
  GpuUtilizationReader,
  podKey,
} from '@internal/plugin-utilization-node';

/**
 * Jobs with how busy their GPUs were: one set of Prometheus queries per team for all its jobs'
 * pods, from the first start to now; a job's idle GPU-hours are priced at its hourly rate. Jobs
 * without GPUs or that never ran are left as they are.
 */
export class JobUtilization {
  constructor(
    private readonly reader: GpuUtilizationReader,
    private readonly now: () => Date,
  ) {}

  async attach(jobs: Array<{ job: Job; hourlyRate: number }>): Promise<Job[]> {
    const ran = jobs.filter(j => j.job.gpus > 0 && j.job.startedAt);
    const teams = [...new Set(ran.map(j => j.job.team))];
    const measured = new Map<Job, Job>();
    await Promise.all(
      teams.map(async team => {
        const ofTeam = ran.filter(j => j.job.team === team);
        const from = ofTeam.map(j => j.job.startedAt!).sort()[0];
        const answer = await this.reader.pods(
          { namespaces: [team], pods: ofTeam.flatMap(j => j.job.pods) },
          { from: new Date(from), to: this.now() },
        );
        for (const { job, hourlyRate } of ofTeam) {
          const u = answer.pods
            ? combineUtilization(
                job.pods.map(p => answer.pods.get(podKey(team, p))),
              )
            : undefined;
          measured.set(job, {
            ...job,
            ...(u
              ? {
                  utilization: roundUtilization({
                    ...u,
                    idleCost: u.idleGpuHours * hourlyRate,
                  }),
                }
              : {}),
            utilizationSource: answer.source,
          });
        }
      }),
    );
    return jobs.map(j => measured.get(j.job) ?? j.job);
  }
}
