import type {
  AuditAction,
  AuditEvent,
  Deployment,
  DeploymentStatus,
  Environment,
} from '@internal/plugin-deployments-common';

/** A status change, with the audit line that records it; written together or not at all. */
export type Transition = {
  id: string;
  /** The status the deployment must have now; otherwise nothing changes (ConflictError). */
  from: DeploymentStatus;
  to: DeploymentStatus;
  changes?: Partial<
    Pick<Deployment, 'decidedBy' | 'decidedAt' | 'reason' | 'reservationId'>
  >;
  event: { action: AuditAction; actor: string; at: string; detail?: string };
};

/** The deployments plugin's records: deployments and their append-only audit trail. */
export interface DeploymentStore {
  /** Adds a deployment with its audit lines, and applies the transitions, in one transaction. */
  insert(
    deployment: Deployment,
    events: Array<
      Omit<
        AuditEvent,
        'id' | 'deploymentId' | 'model' | 'environment' | 'version'
      >
    >,
    transitions?: Transition[],
  ): Promise<void>;
  /** Applies the transitions in one transaction; throws ConflictError when one no longer holds. */
  transition(transitions: Transition[]): Promise<void>;
  get(id: string): Promise<Deployment | undefined>;
  /** A model's deployments, newest first; of one environment when named. */
  ofModel(model: string, environment?: Environment): Promise<Deployment[]>;
  /** A model's audit trail, oldest first. */
  events(model: string): Promise<AuditEvent[]>;
}
