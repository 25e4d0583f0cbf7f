import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { mlflowRefs } from '../shared/annotations';
import { ModelVersions } from './ModelVersions';
import { RunsSection } from './RunsSection';

// A column item grows to its widest child unless told otherwise: the runs table scrolls inside
// its card instead of widening the page.
const useStyles = makeStyles({ item: { minWidth: 0, maxWidth: '100%' } });

/** The MLflow tab: the experiment's runs and the registered model, as the annotations say. */
export function MlflowContent() {
  const { entity } = useEntity();
  const { server, experiment, model } = mlflowRefs(entity);
  const classes = useStyles();
  return (
    <Content noPadding>
      <Grid container spacing={3} direction="column">
        {experiment && (
          <Grid item className={classes.item}>
            <RunsSection server={server} experiment={experiment} />
          </Grid>
        )}
        {model && (
          <Grid item className={classes.item}>
            <ModelVersions server={server} model={model} />
          </Grid>
        )}
      </Grid>
    </Content>
  );
}
