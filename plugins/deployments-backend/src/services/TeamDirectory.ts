import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** The catalog group annotation naming the team's lead, who approves its production deploys. */
export const TEAM_LEAD_ANNOTATION = 'mlplatform.dev/team-lead';
/** The catalog group annotation with the most replicas one of the team's deployments may have. */
export const MAX_REPLICAS_ANNOTATION = 'mlplatform.dev/max-replicas';
/** The model component annotation naming its registered model (the MLflow plugin's). */
const REGISTERED_MODEL_ANNOTATION = 'mlflow.org/registered-model';

export type TeamFacts = { lead?: string; maxReplicas?: number };

/** What the catalog says of teams and models: the lead and replica maximum, a model's owner. */
export class TeamDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async team(team: string): Promise<TeamFacts> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const group = await this.catalog.getEntityByRef(
      stringifyEntityRef({ kind: 'Group', namespace: 'default', name: team }),
      { credentials },
    );
    const annotations = group?.metadata.annotations ?? {};
    const lead = annotations[TEAM_LEAD_ANNOTATION]?.trim().toLowerCase();
    const max = Number(annotations[MAX_REPLICAS_ANNOTATION]);
    return {
      ...(lead
        ? { lead: lead.includes(':') ? lead : `user:default/${lead}` }
        : {}),
      ...(Number.isInteger(max) && max > 0 ? { maxReplicas: max } : {}),
    };
  }

  /** The team owning the catalog's model component for a registered model, when there is one. */
  async ownerOfModel(model: string): Promise<string | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${REGISTERED_MODEL_ANNOTATION}`]: model,
        },
      },
      { credentials },
    );
    const owner = items
      .map(e => e.spec?.owner)
      .find((o): o is string => typeof o === 'string');
    if (!owner) return undefined;
    return owner.replace(/^(group:)?(default\/)?/i, '').toLowerCase();
  }
}
