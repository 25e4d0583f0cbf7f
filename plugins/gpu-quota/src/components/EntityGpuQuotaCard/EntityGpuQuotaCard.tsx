import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import { TeamGpuQuota } from './TeamGpuQuota';
import { teamOfEntity } from '@internal/plugin-mlp-react';

/** The GPU quota card of a team, or of the team that owns a component. */
export function EntityGpuQuotaCard() {
  const { entity } = useEntity();
  const target = teamOfEntity(entity, {
    what: 'GPU quotas',
    then: 'see and request GPUs',
  });
  return (
    <InfoCard
      title="GPU quota"
      subheader={'team' in target ? `Team ${target.team}` : undefined}
    >
      {'team' in target ? (
        <TeamGpuQuota team={target.team} />
      ) : (
        <Alert severity="info">{target.problem}</Alert>
      )}
    </InfoCard>
  );
}
