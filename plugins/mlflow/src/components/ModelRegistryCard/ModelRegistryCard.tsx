import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { mlflowRefs } from '../shared/annotations';
import { RegistryOverview } from './RegistryOverview';

/** The model page's card: champion and challenger of the entity's registered model. */
export function ModelRegistryCard() {
  const { entity } = useEntity();
  const { server, model } = mlflowRefs(entity);
  return (
    <InfoCard title="Model in the registry">
      {/* The card's extension only applies to entities with the annotation. */}
      <RegistryOverview server={server} model={model!} />
    </InfoCard>
  );
}
