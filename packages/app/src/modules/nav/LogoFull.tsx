import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    color: '#7df3e1',
    fontSize: 24,
    fontWeight: 700,
    whiteSpace: 'nowrap',
    letterSpacing: 0.5,
  },
});

export const LogoFull = () => {
  const classes = useStyles();
  return <span className={classes.text}>ML Platform</span>;
};
