import { Link } from '@backstage/core-components';
import type { RegistryAlias } from '@internal/plugin-mlflow-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { formatMetric, formatTime } from '../shared/format';
import { shownMetrics } from './metrics';

/** champion → Champion. */
export const aliasLabel = (alias: string) =>
  alias.charAt(0).toUpperCase() + alias.slice(1);

function Row(props: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <TableRow data-testid={props.testId}>
      <TableCell component="th" scope="row">
        {props.label}
      </TableCell>
      <TableCell
        title={props.title}
        data-testid={props.testId && `${props.testId}-value`}
      >
        {props.children}
      </TableCell>
    </TableRow>
  );
}

/**
 * One alias of the model: its version (linked to MLflow), the key metric and up to three more
 * of the version's run, when it was registered, by which run, and since when it has the alias
 * (when the portal's tools recorded it).
 */
export function AliasVersion(props: {
  entry: RegistryAlias;
  keyMetric?: string;
}) {
  const { alias, modelVersion: v, movedAt, movedAtUnknown } = props.entry;
  const label = aliasLabel(alias);
  return (
    <>
      <Table size="small" aria-label={label}>
        <TableBody>
          <Row label={label}>
            <Link to={v.uiUrl}>Version {v.version}</Link>
          </Row>
          {shownMetrics(v.run?.metrics ?? {}, props.keyMetric).map(m => (
            <Row
              key={m.name}
              testId={m.key ? 'key-metric' : undefined}
              title={m.value === undefined ? 'not logged' : String(m.value)}
              label={
                <>
                  {m.name}
                  {m.key && (
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      (key metric)
                    </Typography>
                  )}
                </>
              }
            >
              {formatMetric(m.value)}
            </Row>
          ))}
          <Row label="Registered">{formatTime(v.creationTime)}</Row>
          <Row label="Run">
            {v.run ? (
              <Link to={v.run.uiUrl}>{v.run.runName}</Link>
            ) : (
              v.runId ?? '—'
            )}
          </Row>
        </TableBody>
      </Table>
      <Typography
        variant="body2"
        color="textSecondary"
        title={movedAtUnknown}
        data-testid="alias-moved"
      >
        {movedAt
          ? `${label} since ${formatTime(movedAt)}`
          : `${label} moved outside the portal's tools; time unknown`}
      </Typography>
    </>
  );
}
