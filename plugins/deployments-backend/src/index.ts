/**
 * Model deployments backend: a registered model version served by KServe in the team's
 * namespace, with approvals, rollback, lineage and an audit trail (/api/deployments).
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
export { DatabaseDeploymentStore } from './store/DatabaseDeploymentStore';
