import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Budget } from '@internal/plugin-cost-common';
import { formatMoney } from '../shared/format';

/** The budgets set for a team, latest month first. */
export function BudgetsTable(props: { budgets: Budget[] }) {
  const budgets = [...props.budgets].sort((a, b) =>
    b.month.localeCompare(a.month),
  );
  if (budgets.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No budget has been set for this team.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Budgets">
      <TableHead>
        <TableRow>
          <TableCell>Month</TableCell>
          <TableCell align="right">Budget</TableCell>
          <TableCell>Set by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {budgets.map(b => (
          <TableRow key={b.month}>
            <TableCell>{b.month}</TableCell>
            <TableCell align="right">
              {formatMoney(b.amount, b.currency)}
            </TableCell>
            <TableCell>{b.updatedBy}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
