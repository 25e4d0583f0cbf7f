import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { TECHDOCS_ANNOTATION } from '@backstage/plugin-techdocs-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseSyncStream } from './parseSyncStream';

export interface PrebuildSummary {
  built: number;
  upToDate: number;
  failed: { entity: string; error: string }[];
}

/**
 * Builds the TechDocs of every catalog entity that has them, through the techdocs backend's own
 * sync endpoint, so model cards open at once and the TechDocs search collator has documents to
 * index before anyone has opened them.
 */
export class TechDocsPrebuilder {
  static create(deps: {
    auth: AuthService;
    discovery: DiscoveryService;
    catalog: CatalogService;
    logger: LoggerService;
  }) {
    return new TechDocsPrebuilder(
      deps.auth,
      deps.discovery,
      deps.catalog,
      deps.logger,
    );
  }

  private constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
    private readonly catalog: CatalogService,
    private readonly logger: LoggerService,
  ) {}

  async run(): Promise<PrebuildSummary> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${TECHDOCS_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const summary: PrebuildSummary = { built: 0, upToDate: 0, failed: [] };
    // One at a time: each build runs MkDocs, and the machine also serves users.
    for (const entity of items) {
      const ref = stringifyEntityRef(entity);
      const outcome = await this.sync(entity);
      if (!outcome.ok) {
        summary.failed.push({ entity: ref, error: outcome.error });
        this.logger.warn('techdocs prebuild failed', {
          entity: ref,
          error: outcome.error,
        });
      } else if (outcome.updated) {
        summary.built += 1;
      } else {
        summary.upToDate += 1;
      }
    }
    this.logger.info('techdocs prebuild done', {
      built: summary.built,
      upToDate: summary.upToDate,
      failed: summary.failed.length,
    });
    return summary;
  }

  private async sync(entity: Entity) {
    const base = await this.discovery.getBaseUrl('techdocs');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const path = [
      entity.metadata.namespace ?? 'default',
      entity.kind,
      entity.metadata.name,
    ]
      .map(encodeURIComponent)
      .join('/');
    try {
      const res = await fetch(`${base}/sync/${path}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
        },
      });
      if (!res.ok) {
        return {
          ok: false as const,
          error: `HTTP ${res.status} ${await res.text()}`,
        };
      }
      return parseSyncStream(await res.text());
    } catch (e) {
      return { ok: false as const, error: String(e) };
    }
  }
}
