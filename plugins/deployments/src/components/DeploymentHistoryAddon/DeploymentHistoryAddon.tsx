import { useApi } from '@backstage/frontend-plugin-api';
import { useTechDocsReaderPage } from '@backstage/plugin-techdocs-react';
import { MLFLOW_MODEL_ANNOTATION } from '@internal/plugin-mlflow-common';
import { ErrorState, useSlotAfterSection } from '@internal/plugin-mlp-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { createPortal } from 'react-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentsApiRef } from '../../api';
import { HistoryTable } from '../shared/HistoryTable';

/** The heading id MkDocs gives a model card's "## Deployment history". */
export const HISTORY_SECTION_ID = 'deployment-history';

function HistoryBlock(props: { model: string }) {
  const api = useApi(deploymentsApiRef);
  const headingId = useId();
  const state = useAsyncRetry(
    () => api.getAudit(props.model),
    [api, props.model],
  );
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={headingId}
      data-testid="deployment-history-block"
      style={{ padding: 16, marginBottom: 16 }}
    >
      <Typography variant="h6" component="h3" id={headingId}>
        From the portal's deployment records (live)
      </Typography>
      {state.error && <ErrorState error={state.error} onRetry={state.retry} />}
      {state.value?.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Not deployed from the portal yet: the Deployments tab deploys a
          registry version.
        </Typography>
      )}
      {state.value && state.value.length > 0 && (
        <HistoryTable
          compact
          events={state.value}
          label={`Deployment history of ${props.model}`}
        />
      )}
    </Paper>
  );
}

/**
 * TechDocs addon: on a model card (docs of an entity with an `mlflow.org/registered-model`
 * annotation), the portal's deployment records right below its "Deployment history" heading, so
 * the card's history is the audit trail's. Renders nothing on docs without that heading.
 */
export function DeploymentHistoryAddon() {
  const { entityMetadata } = useTechDocsReaderPage();
  const model =
    entityMetadata.value?.metadata.annotations?.[MLFLOW_MODEL_ANNOTATION];
  const slot = useSlotAfterSection(Boolean(model), HISTORY_SECTION_ID);
  if (!model || !slot) return null;
  return createPortal(<HistoryBlock model={model} />, slot);
}
