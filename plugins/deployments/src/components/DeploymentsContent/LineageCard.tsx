import type { Lineage } from '@internal/plugin-deployments-common';
import { formatMoney } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import type { ReactNode } from 'react';

function Step(props: { title: string; children: ReactNode; testId: string }) {
  return (
    <Box flex="1 1 0" minWidth={150} data-testid={props.testId}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.title}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

const Arrow = () => (
  <Box alignSelf="center" color="text.secondary" aria-hidden>
    <ArrowForwardIcon fontSize="small" />
  </Box>
);

/** Dataset → training job → MLflow run → model version → deployments, each with a link. */
export function LineageCard(props: { lineage: Lineage; jobsPath?: string }) {
  const { lineage } = props;
  const { job, run, dataset } = lineage;
  return (
    <Card variant="outlined">
      <CardHeader
        title={`Lineage of version ${lineage.version}`}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader="Where the served model comes from, as the registry, the run and the job record it"
      />
      <CardContent>
        <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
          <Step title="Dataset" testId="lineage-dataset">
            {dataset ? (
              <>
                {dataset.name}
                {dataset.digest ? ` (${dataset.digest.slice(0, 8)})` : ''}
              </>
            ) : (
              'not recorded (tag the run mlp.dataset)'
            )}
          </Step>
          <Arrow />
          <Step title="Training job" testId="lineage-job">
            {job ? (
              <>
                {props.jobsPath ? (
                  <Link href={props.jobsPath}>{job.id}</Link>
                ) : (
                  job.id
                )}
                {job.phase ? ` · ${job.phase}` : ''}
                {job.gpuHours !== undefined ? ` · ${job.gpuHours} GPU-h` : ''}
                {job.cost !== undefined && job.currency
                  ? ` · ${formatMoney(job.cost, job.currency)}`
                  : ''}
              </>
            ) : (
              'not made by a portal job'
            )}
          </Step>
          <Arrow />
          <Step title="MLflow run" testId="lineage-run">
            {run ? (
              <Link href={run.url} target="_blank" rel="noopener">
                {run.name ?? run.id.slice(0, 8)}
              </Link>
            ) : (
              'none recorded'
            )}
            {run?.status ? ` · ${run.status}` : ''}
          </Step>
          <Arrow />
          <Step title="Model version" testId="lineage-version">
            {lineage.versionUrl ? (
              <Link href={lineage.versionUrl} target="_blank" rel="noopener">
                v{lineage.version}
              </Link>
            ) : (
              `v${lineage.version}`
            )}
            {lineage.versionStatus ? ` · ${lineage.versionStatus}` : ''}
          </Step>
          <Arrow />
          <Step title="Deployments" testId="lineage-deployments">
            {lineage.deployments.length === 0
              ? 'none'
              : lineage.deployments
                  .map(d => `${d.environment} (${d.status})`)
                  .join(', ')}
          </Step>
        </Box>
      </CardContent>
    </Card>
  );
}
