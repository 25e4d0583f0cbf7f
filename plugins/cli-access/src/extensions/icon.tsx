import VpnKeyIcon from '@material-ui/icons/VpnKey';

export const cliAccessIcon = <VpnKeyIcon fontSize="inherit" />;
