import type { RunSummary } from '@internal/plugin-mlflow-common';

export type ExperimentRuns = {
  experiment: string;
  entityName: string;
  runs: RunSummary[];
};

export type RecentRun = RunSummary & { experiment: string; entityName: string };

/** The newest runs over several experiments: `limit` of them, newest start first. */
export function newestRuns(
  pages: ExperimentRuns[],
  limit: number,
): RecentRun[] {
  return pages
    .flatMap(p =>
      p.runs.map(r => ({
        ...r,
        experiment: p.experiment,
        entityName: p.entityName,
      })),
    )
    .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0))
    .slice(0, limit);
}
