import MemoryIcon from '@material-ui/icons/Memory';

export const gpuQuotaIcon = <MemoryIcon fontSize="inherit" />;
