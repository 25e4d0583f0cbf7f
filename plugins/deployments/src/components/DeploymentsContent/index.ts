export { DeploymentsContent, ModelDeploymentsView } from './DeploymentsContent';
