import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { TeamJobs } from './TeamJobs';

/** The "Training jobs" card of a team: its latest jobs. */
export function TeamJobsCard() {
  const { entity } = useEntity();
  const team = entity.metadata.name;
  return (
    <InfoCard title="Training jobs" subheader={`Team ${team}`}>
      <TeamJobs team={team} />
    </InfoCard>
  );
}
