import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { Job } from '@internal/plugin-jobs-common';
import { isActive } from '../../lib/phase';

/** What can be done with a job: read its logs, open its MLflow experiment, cancel it. */
export function JobActions(props: {
  job: Job;
  onLogs: () => void;
  onCancel: () => void;
}) {
  const { job, onLogs, onCancel } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <Button size="small" variant="outlined" onClick={onLogs}>
        Logs
      </Button>
      <Box>
        {job.mlflow.url && (
          <Link href={job.mlflow.url} target="_blank" rel="noopener">
            MLflow
          </Link>
        )}
        <Typography variant="caption" color="textSecondary" component="p">
          {job.mlflow.experiment}
        </Typography>
      </Box>
      {isActive(job.phase) && (
        <Button
          size="small"
          variant="outlined"
          color="secondary"
          onClick={onCancel}
        >
          Cancel
        </Button>
      )}
    </Box>
  );
}
