import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import useInterval from 'react-use/esm/useInterval';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';

/** "updated 12 s ago", ticking, so a reader can tell how old the cluster's figures are. */
export function Freshness(props: { fetchedAt: string }) {
  const { fetchedAt } = props;
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000);
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      title={formatDateTime(fetchedAt)}
    >
      updated {formatAgo(fetchedAt, now)}
    </Typography>
  );
}
