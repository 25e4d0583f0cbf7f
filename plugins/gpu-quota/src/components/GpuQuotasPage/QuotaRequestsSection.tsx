import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { ErrorState } from '@internal/plugin-mlp-react';
import { DecidedRequestsTable } from './DecidedRequestsTable';
import { type Decision, DecisionDialog } from './DecisionDialog';
import { ExportAuditButton } from './ExportAuditButton';
import { PendingRequestsTable } from './PendingRequestsTable';

/** Pending requests to decide, the ones decided, and the audit export. */
export function QuotaRequestsSection(props: { onDecided: () => void }) {
  const api = useApi(gpuQuotaApiRef);
  const requests = useAsyncRetry(() => api.listRequests(), [api]);
  // Without an answer from /me nobody gets the buttons; the server decides anyway.
  const me = useAsync(() => api.getMe(), [api]);
  const [deciding, setDeciding] = useState<
    { request: QuotaRequest; decision: Decision } | undefined
  >(undefined);

  const all = requests.value ?? [];
  const pending = all.filter(r => r.status === 'pending');
  const decided = all.filter(r => r.status !== 'pending');

  return (
    <Box mt={4} component="section" aria-labelledby="gpu-quota-requests-title">
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <Typography variant="h5" component="h2" id="gpu-quota-requests-title">
          Quota requests
        </Typography>
        <ExportAuditButton />
      </Box>
      {requests.error && (
        <ErrorState error={requests.error} onRetry={requests.retry} />
      )}
      {!requests.error && !requests.value && <Progress />}
      {requests.value && (
        <>
          <Box mt={2}>
            <Typography variant="h6" component="h3" gutterBottom>
              Pending
            </Typography>
            <PendingRequestsTable
              requests={pending}
              mayDecide={me.value?.mayDecide === true}
              onDecide={(request, decision) =>
                setDeciding({ request, decision })
              }
            />
          </Box>
          <Box mt={3}>
            <Typography variant="h6" component="h3" gutterBottom>
              Decided
            </Typography>
            <DecidedRequestsTable requests={decided} />
          </Box>
        </>
      )}
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            requests.retry();
            props.onDecided();
          }}
        />
      )}
    </Box>
  );
}
