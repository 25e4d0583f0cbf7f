import { useTechDocsReaderPage } from '@backstage/plugin-techdocs-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { createPortal } from 'react-dom';
import { useSlotAfterTitle } from '@internal/plugin-mlp-react';
import { RegistryOverview } from '../ModelRegistryCard';
import { mlflowRefs } from '../shared/annotations';

/** The live block: what the registry says, under a heading that says where it comes from. */
function RegistryDocsBlock(props: { server?: string; model: string }) {
  const headingId = useId();
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={headingId}
      data-testid="mlflow-registry-block"
      style={{ padding: 16, marginBottom: 16 }}
    >
      <Typography variant="h6" component="h2" id={headingId}>
        From the MLflow registry (live)
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Champion, challenger and the metrics of the runs that made them, as the
        registry has them now; the rest of this card is written by the team.
      </Typography>
      <RegistryOverview server={props.server} model={props.model} />
    </Paper>
  );
}

/**
 * TechDocs addon: on the docs of an entity with an `mlflow.org/registered-model` annotation,
 * the registry's facts right below the page title, so the hand-written card never has to repeat
 * (and contradict) them. Renders nothing on other docs.
 */
export function RegistryDocsAddon() {
  const { entityMetadata } = useTechDocsReaderPage();
  const { server, model } = entityMetadata.value
    ? mlflowRefs(entityMetadata.value)
    : { server: undefined, model: undefined };
  const slot = useSlotAfterTitle(Boolean(model));
  if (!model || !slot) return null;
  return createPortal(
    <RegistryDocsBlock server={server} model={model} />,
    slot,
  );
}
