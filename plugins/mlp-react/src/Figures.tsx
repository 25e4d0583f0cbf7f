import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(0, 0, 2),
  },
  figure: { margin: 0 },
  value: { margin: 0 },
}));

/** Labelled figures side by side: a description list, so each value is read with its label. */
export function Figures(props: {
  label: string;
  figures: { label: string; value: ReactNode }[];
}) {
  const classes = useStyles();
  return (
    <dl className={classes.list} aria-label={props.label}>
      {props.figures.map(f => (
        <div key={f.label} className={classes.figure}>
          <Typography component="dt" variant="caption" color="textSecondary">
            {f.label}
          </Typography>
          <Typography component="dd" variant="h6" className={classes.value}>
            {f.value}
          </Typography>
        </div>
      ))}
    </dl>
  );
}
