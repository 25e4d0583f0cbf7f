import PowerSettingsNewIcon from '@material-ui/icons/PowerSettingsNew';

export const idleGpusIcon = <PowerSettingsNewIcon fontSize="inherit" />;
