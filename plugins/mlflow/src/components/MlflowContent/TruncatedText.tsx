import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  root: {
    display: 'inline-block',
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
    // overflow: hidden clips below the line box; room for underscores and descenders
    paddingBottom: '0.2em',
  },
});

/**
 * Text cut to one line of at most `maxWidth` pixels with an ellipsis. The whole text stays in
 * the page (screen readers and find-in-page read all of it) and shows on hover as the title.
 */
export function TruncatedText(props: { text: string; maxWidth: number }) {
  const classes = useStyles();
  return (
    <span
      className={classes.root}
      style={{ maxWidth: props.maxWidth }}
      title={props.text}
    >
      {props.text}
    </span>
  );
}
