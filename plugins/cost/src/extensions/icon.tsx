import AccountBalanceWalletIcon from '@material-ui/icons/AccountBalanceWallet';

export const costIcon = <AccountBalanceWalletIcon fontSize="inherit" />;
