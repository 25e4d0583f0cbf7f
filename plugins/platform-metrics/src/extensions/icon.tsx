import TimelineIcon from '@material-ui/icons/Timeline';

export const platformMetricsIcon = <TimelineIcon fontSize="inherit" />;
