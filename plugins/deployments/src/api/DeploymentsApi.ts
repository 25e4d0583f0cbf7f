import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AuditEvent,
  DeployRequest,
  DeployResult,
  Deployment,
  Environment,
  Lineage,
  ModelDeployments,
} from '@internal/plugin-deployments-common';

/**
 * The model deployments backend (/api/deployments), as the frontend uses it. Failed calls throw
 * a ResponseError carrying the backend's message.
 */
export interface DeploymentsApi {
  /** The model's deployments and what the cluster serves for each environment. */
  getModel(model: string): Promise<ModelDeployments>;
  deploy(request: DeployRequest): Promise<DeployResult>;
  approve(id: string): Promise<DeployResult>;
  reject(id: string, reason: string): Promise<Deployment>;
  rollback(model: string, environment: Environment): Promise<DeployResult>;
  /** Dataset → job → run → version → deployments; the live version's without `version`. */
  getLineage(model: string, version?: string): Promise<Lineage>;
  /** The model's audit trail, oldest first. */
  getAudit(model: string): Promise<AuditEvent[]>;
}

export const deploymentsApiRef = createApiRef<DeploymentsApi>().with({
  id: 'plugin.deployments.api',
  pluginId: 'deployments',
});
