import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { signInsAnswerSchema } from '@internal/plugin-cli-access-common';
import {
  type WorkspaceUse,
  workspaceUsesAnswerSchema,
} from '@internal/plugin-coder-common';
import { jobRecordsAnswerSchema } from '@internal/plugin-jobs-common';
import { assertPermitted, PluginRequests } from '@internal/plugin-mlp-node';
import {
  type PlatformMetrics,
  platformMetricsReadPermission,
} from '@internal/plugin-platform-metrics-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { computeMetrics, type TeamMembers } from './computeMetrics';

/** Catalog users with this tag are service accounts (CI pipelines), not people. */
export const SERVICE_ACCOUNT_TAG = 'service-account';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The platform's adoption figures for platform keepers: the jobs plugin's records of jobs, the
 * auth backend's record of sign-ins and the ML teams' members in the catalog, counted by
 * computeMetrics. Each is read with the plugin's own service credentials.
 */
export class PlatformMetricsService {
  constructor(
    private readonly deps: {
      jobs: PluginRequests;
      auth: PluginRequests;
      coder: PluginRequests;
      catalog: CatalogService;
      authService: AuthService;
      permissions: PermissionsService;
      logger: LoggerService;
      /** Keeper groups' refs: their members run the platform, they are not an ML team. */
      keeperGroups: string[];
      now?: () => Date;
    },
  ) {}

  async summary(
    credentials: BackstageCredentials,
    days: number,
  ): Promise<PlatformMetrics> {
    const { deps } = this;
    await assertPermitted(
      deps.permissions,
      credentials,
      platformMetricsReadPermission,
      'Only platform keepers see the platform metrics',
    );
    const now = deps.now?.() ?? new Date();
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const own = await deps.authService.getOwnServiceCredentials();
    const [records, signIns, { teams, serviceAccounts }, workspaceUses] =
      await Promise.all([
        deps.jobs
          .request(`/records?since=${encodeURIComponent(since)}`, own)
          .then(a => jobRecordsAnswerSchema.parse(a).records),
        deps.auth
          .request('/mlp-cli/sign-ins', own)
          .then(a => signInsAnswerSchema.parse(a).signIns),
        this.teamMembers(own),
        this.workspaceUses(since, own),
      ]);
    return computeMetrics({
      records: records.map(r => ({ ...r, submittedBy: lower(r.submittedBy) })),
      signIns: signIns.map(s => ({
        ...s,
        userEntityRef: lower(s.userEntityRef),
      })),
      teams,
      serviceAccounts,
      workspaceUses,
      days,
      now,
    });
  }

  /**
   * The workspaces the Coder plugin created or started since then; undefined (the figure is left
   * out) when it cannot say, e.g. without Coder configured.
   */
  private async workspaceUses(
    since: string,
    credentials: BackstageCredentials,
  ): Promise<WorkspaceUse[] | undefined> {
    try {
      const answer = await this.deps.coder.request(
        `/uses?since=${encodeURIComponent(since)}`,
        credentials,
      );
      return workspaceUsesAnswerSchema.parse(answer).uses;
    } catch (error) {
      this.deps.logger.info(
        'no workspace figures: the Coder plugin cannot say',
        {
          error: String(error),
        },
      );
      return undefined;
    }
  }

  /**
   * The ML teams (catalog groups of type team, but the keepers') and their people, and the users
   * tagged as service accounts.
   */
  private async teamMembers(
    credentials: BackstageCredentials,
  ): Promise<{ teams: TeamMembers; serviceAccounts: string[] }> {
    const keepers = new Set(this.deps.keeperGroups.map(lower));
    const [groups, users] = await Promise.all([
      this.deps.catalog.getEntities(
        {
          filter: {
            kind: 'Group',
            'spec.type': 'team',
            'metadata.namespace': 'default',
          },
        },
        { credentials },
      ),
      this.deps.catalog.getEntities(
        { filter: { kind: 'User' } },
        { credentials },
      ),
    ]);
    const teams: TeamMembers = {};
    for (const group of groups.items) {
      const ref = lower(stringifyEntityRef(group));
      if (!keepers.has(ref)) teams[group.metadata.name] = [];
    }
    for (const user of users.items.filter(isPerson)) {
      const ref = lower(stringifyEntityRef(user));
      for (const relation of user.relations ?? []) {
        if (relation.type !== 'memberOf') continue;
        const team = teams[relation.targetRef.split('/').pop() ?? ''];
        if (relation.targetRef.startsWith('group:default/') && team) {
          team.push(ref);
        }
      }
    }
    const serviceAccounts = users.items
      .filter(u => !isPerson(u))
      .map(u => lower(stringifyEntityRef(u)));
    return { teams, serviceAccounts };
  }
}

function isPerson(user: Entity): boolean {
  return !(user.metadata.tags ?? []).includes(SERVICE_ACCOUNT_TAG);
}
