import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { jobsApiRef } from '../../api';
import { CodeBlock } from '../shared/CodeBlock';
import { trainCommand } from '../shared/commands';

/** How to install the mlp CLI, log it in to this portal and submit a job. */
export function CliPanel() {
  const api = useApi(jobsApiRef);
  const backendUrl = useAsync(() => api.getBackendUrl(), [api]);
  const url = backendUrl.value ?? '<the portal URL>';
  return (
    <InfoCard
      title="Use the mlp CLI"
      subheader="Submit and follow training jobs from a terminal"
    >
      <Typography>
        1. Install it (Python 3.9 or later) from a checkout of the portal's
        repository:
      </Typography>
      <CodeBlock>pip install ./sdk/python</CodeBlock>
      <Typography>
        2. Log in to this portal: mlp opens your browser, and you approve it
        once. The login lasts 30 days unused and renews itself as you use it;
        mlp logout ends it. On a remote shell add --no-browser.
      </Typography>
      <CodeBlock>{`mlp login --url ${url}`}</CodeBlock>
      <Typography style={{ marginTop: 16 }}>
        3. Submit a job on your team's GPUs:
      </Typography>
      <CodeBlock>{trainCommand()}</CodeBlock>
      <Typography variant="body2" color="textSecondary">
        mlp jobs lists them, mlp logs JOB and mlp status JOB follow one, mlp
        cancel JOB stops it; add --team when you are in more than one team.
      </Typography>
    </InfoCard>
  );
}
