import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';
import { useState } from 'react';
import type { ColumnChoice, ColumnKind } from './columns';

const GROUPS: Array<{ kind: ColumnKind; label: string }> = [
  { kind: 'metrics', label: 'Metrics' },
  { kind: 'params', label: 'Parameters' },
];

/** A "Columns" button opening checkboxes for the metric and parameter columns of the runs. */
export function ColumnChooser(props: {
  available: ColumnChoice;
  shown: ColumnChoice;
  chosen: boolean;
  onToggle: (kind: ColumnKind, key: string) => void;
  onReset: () => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const empty = GROUPS.every(g => props.available[g.kind].length === 0);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<ViewColumnIcon />}
        disabled={empty}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'mlflow-columns' : undefined}
        onClick={e => setAnchor(e.currentTarget)}
      >
        Columns
      </Button>
      <Popover
        id="mlflow-columns"
        open={open}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{ role: 'dialog', 'aria-label': 'Columns' }}
      >
        <Box p={2} display="flex" gridGap={32}>
          {GROUPS.filter(g => props.available[g.kind].length > 0).map(g => (
            <FormControl key={g.kind} component="fieldset">
              <FormLabel component="legend">{g.label}</FormLabel>
              <FormGroup>
                {props.available[g.kind].map(key => (
                  <FormControlLabel
                    key={key}
                    label={key}
                    control={
                      <Checkbox
                        size="small"
                        checked={props.shown[g.kind].includes(key)}
                        onChange={() => props.onToggle(g.kind, key)}
                      />
                    }
                  />
                ))}
              </FormGroup>
            </FormControl>
          ))}
        </Box>
        <Box
          px={2}
          pb={1}
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          gridGap={16}
        >
          <Typography variant="caption" color="textSecondary">
            Kept in this browser for this experiment.
          </Typography>
          <Button size="small" disabled={!props.chosen} onClick={props.onReset}>
            Default columns
          </Button>
        </Box>
      </Popover>
    </>
  );
}
