export { DeploymentHistoryAddon } from './DeploymentHistoryAddon';
