import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamGpuQuota } from '@internal/plugin-gpu-quota-common';
import { HIGH_PRESSURE, UsageBar } from '../shared/UsageBar';
import {
  type SortDirection,
  sortTeams,
  type TeamSortKey,
  totalHard,
  totalUsed,
} from './sortTeams';

const useStyles = makeStyles(theme => ({
  highPressure: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 152, 0, 0.16)'
        : 'rgba(255, 152, 0, 0.12)',
  },
  resource: { minWidth: 200, marginBottom: theme.spacing(1) },
  chip: { marginLeft: theme.spacing(1) },
}));

const COLUMNS: { key: TeamSortKey; label: string; numeric: boolean }[] = [
  { key: 'team', label: 'Team', numeric: false },
  { key: 'used', label: 'Used', numeric: true },
  { key: 'hard', label: 'Hard', numeric: true },
  { key: 'pressure', label: 'Pressure', numeric: true },
];

/** Every team's quota, busiest first, so a keeper sees who is about to run out. */
export function TeamsTable(props: { teams: TeamGpuQuota[] }) {
  const classes = useStyles();
  const [sortKey, setSortKey] = useState<TeamSortKey>('pressure');
  const [direction, setDirection] = useState<SortDirection>('desc');

  const sortBy = (key: TeamSortKey) => {
    if (key === sortKey) {
      setDirection(d => (d === 'asc' ? 'desc' : 'asc'));
    } else {
      setSortKey(key);
      setDirection(key === 'team' ? 'asc' : 'desc');
    }
  };

  const header = (column: (typeof COLUMNS)[number]) => (
    <TableCell
      key={column.key}
      align={column.numeric ? 'right' : 'left'}
      sortDirection={sortKey === column.key ? direction : false}
    >
      <TableSortLabel
        active={sortKey === column.key}
        direction={sortKey === column.key ? direction : 'asc'}
        onClick={() => sortBy(column.key)}
      >
        {column.label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Table aria-label="GPU quotas of all teams">
      <TableHead>
        <TableRow>
          {header(COLUMNS[0])}
          <TableCell>Resources</TableCell>
          {COLUMNS.slice(1).map(header)}
        </TableRow>
      </TableHead>
      <TableBody>
        {sortTeams(props.teams, sortKey, direction).map(team => {
          const high = team.pressure > HIGH_PRESSURE;
          return (
            <TableRow
              key={team.team}
              className={high ? classes.highPressure : undefined}
              data-testid={`team-row-${team.team}`}
            >
              <TableCell>
                <EntityRefLink
                  entityRef={{
                    kind: 'group',
                    namespace: 'default',
                    name: team.team,
                  }}
                  title={team.team}
                />
              </TableCell>
              <TableCell>
                {team.resources.length === 0 && (
                  <Typography variant="body2" color="textSecondary">
                    no GPUs
                  </Typography>
                )}
                {team.resources.map(r => (
                  <Box key={r.resource} className={classes.resource}>
                    <Typography variant="caption" component="div">
                      {r.resource}: {r.used} of {r.hard}
                    </Typography>
                    <UsageBar
                      resource={r.resource}
                      used={r.used}
                      hard={r.hard}
                    />
                  </Box>
                ))}
              </TableCell>
              <TableCell align="right">{totalUsed(team)}</TableCell>
              <TableCell align="right">{totalHard(team)}</TableCell>
              <TableCell align="right">
                {Math.round(team.pressure * 100)}%
                {high && (
                  <Chip
                    className={classes.chip}
                    size="small"
                    icon={<WarningIcon />}
                    label="over 90%"
                  />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
