import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5),
    margin: theme.spacing(1, 0),
    overflowX: 'auto',
    whiteSpace: 'pre',
  },
}));

/** A command to type in a terminal, as it is typed. */
export function CodeBlock(props: { children: string }) {
  const classes = useStyles();
  return (
    <pre className={classes.code}>
      <code>{props.children}</code>
    </pre>
  );
}
