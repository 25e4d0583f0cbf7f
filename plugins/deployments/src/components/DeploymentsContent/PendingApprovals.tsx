import type { Deployment } from '@internal/plugin-deployments-common';
import { ActionError, formatAgo, userName } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Production deploys waiting for a keeper or the team's lead; the requester cannot decide. */
export function PendingApprovals(props: {
  pending: Deployment[];
  canApprove: boolean;
  me?: string;
  onApprove: (id: string) => Promise<void>;
  onReject: (id: string, reason: string) => Promise<void>;
}) {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const act = async (fn: () => Promise<void>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  if (props.pending.length === 0) return null;
  return (
    <Card variant="outlined" data-testid="pending-approvals">
      <CardHeader
        title="Waiting for approval"
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader="Production deploys need a platform keeper or the team's lead; nobody approves their own"
      />
      <CardContent>
        {props.pending.map(d => {
          const own = props.me?.toLowerCase() === d.requestedBy.toLowerCase();
          return (
            <Box key={d.id} mb={2}>
              <Typography variant="body1">
                Version {d.version} to production, {d.replicas} replica
                {d.replicas === 1 ? '' : 's'} × {d.gpus} GPU
                {d.gpus === 1 ? '' : 's'}, asked by {userName(d.requestedBy)}{' '}
                {formatAgo(d.requestedAt)}
              </Typography>
              {own ? (
                <Typography variant="body2" color="textSecondary">
                  You asked for this deploy: a platform keeper or your team's
                  lead approves it.
                </Typography>
              ) : (
                props.canApprove && (
                  <Box
                    display="flex"
                    alignItems="center"
                    mt={1}
                    style={{ gap: 8 }}
                  >
                    <Button
                      variant="contained"
                      color="primary"
                      size="small"
                      onClick={() => act(() => props.onApprove(d.id))}
                    >
                      Approve and deploy
                    </Button>
                    <TextField
                      size="small"
                      label="Reason to reject"
                      value={reasons[d.id] ?? ''}
                      onChange={e =>
                        setReasons({ ...reasons, [d.id]: e.target.value })
                      }
                    />
                    <Button
                      size="small"
                      disabled={!reasons[d.id]?.trim()}
                      onClick={() =>
                        act(() => props.onReject(d.id, reasons[d.id]))
                      }
                    >
                      Reject
                    </Button>
                  </Box>
                )
              )}
            </Box>
          );
        })}
        {error !== undefined && <ActionError error={error} />}
      </CardContent>
    </Card>
  );
}
