import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  formatAgo,
  HomeCard,
  LoadedContent,
  usePageHref,
  userName,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { rootRouteRef } from '../../routes';

/** Home, for platform keepers: the quota increases that wait for their decision, oldest first. */
export function PendingApprovalsCard() {
  const api = useApi(gpuQuotaApiRef);
  const page = usePageHref(rootRouteRef);
  const state = useAsyncRetry(
    async () => (await api.listRequests({ status: 'pending' })).reverse(),
    [api],
  );
  return (
    <HomeCard
      title="Pending approvals"
      subheader="GPU quota increases waiting for a keeper"
      link={
        page ? { to: page, label: 'Decide on the GPU quotas page' } : undefined
      }
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.length === 0}
        empty="No quota request waits for a decision."
      >
        {requests => (
          <Table size="small" aria-label="Pending approvals">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell>GPUs</TableCell>
                <TableCell>For</TableCell>
                <TableCell>Asked by</TableCell>
                <TableCell>Waiting</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {requests.map(r => (
                <TableRow key={r.id} data-testid={`approval-${r.id}`}>
                  <TableCell>{r.team}</TableCell>
                  <TableCell title={r.resource}>
                    {r.currentAmount} → {r.requestedAmount}
                  </TableCell>
                  <TableCell>{r.durationDays} days</TableCell>
                  <TableCell>{userName(r.requestedBy)}</TableCell>
                  <TableCell>{formatAgo(r.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </LoadedContent>
    </HomeCard>
  );
}
