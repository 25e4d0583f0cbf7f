import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { CodeBlock } from '../shared/CodeBlock';
import { trainCommand } from '../shared/commands';

/** No jobs yet: how to submit one with the mlp CLI. */
export function NoJobs(props: { team?: string; noTeams?: boolean }) {
  const { team, noTeams } = props;
  if (noTeams) {
    return (
      <Alert severity="info">
        You are not a member of any team yet. Jobs run on a team's GPUs and are
        paid from its budget: ask a team to add you in the catalog.
      </Alert>
    );
  }
  return (
    <>
      <Typography gutterBottom>
        {team
          ? `No training jobs for ${team} yet.`
          : 'No training jobs in your teams yet.'}
      </Typography>
      <Typography color="textSecondary">
        Submit one from a terminal with the mlp CLI (see "Use the mlp CLI" below
        to install it and log in), for example:
      </Typography>
      <CodeBlock>{trainCommand(team)}</CodeBlock>
      <Typography variant="body2" color="textSecondary">
        The portal checks the team's GPU quota and budget first; the job then
        shows up here.
      </Typography>
    </>
  );
}
