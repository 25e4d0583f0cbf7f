import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import { teamOfEntity } from '@internal/plugin-mlp-react';
import { TeamCost } from './TeamCost';

/** The GPU cost card of a team, or of the team that owns a component. */
export function EntityCostCard() {
  const { entity } = useEntity();
  const target = teamOfEntity(entity, {
    what: 'GPU budgets',
    then: 'see what it spends',
  });
  const model =
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'ml-model'
      ? entity.metadata.name
      : undefined;
  return (
    <InfoCard
      title="GPU cost"
      subheader={'team' in target ? `Team ${target.team}` : undefined}
    >
      {'team' in target ? (
        <TeamCost team={target.team} model={model} />
      ) : (
        <Alert severity="info">{target.problem}</Alert>
      )}
    </InfoCard>
  );
}
