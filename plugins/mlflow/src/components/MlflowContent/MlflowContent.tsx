import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { mlflowRefs } from '../shared/annotations';
import { ModelVersions } from './ModelVersions';
import { RunsSection } from './RunsSection';

/** The MLflow tab: the experiment's runs and the registered model, as the annotations say. */
export function MlflowContent() {
  const { entity } = useEntity();
  const { server, experiment, model } = mlflowRefs(entity);
  return (
    <Content noPadding>
      <Grid container spacing={3} direction="column">
        {experiment && (
          <Grid item>
            <RunsSection server={server} experiment={experiment} />
          </Grid>
        )}
        {model && (
          <Grid item>
            <ModelVersions server={server} model={model} />
          </Grid>
        )}
      </Grid>
    </Content>
  );
}
