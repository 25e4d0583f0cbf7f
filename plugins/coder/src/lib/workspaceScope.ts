import type { Entity } from '@backstage/catalog-model';
import { CODER_TEMPLATE_ANNOTATION } from '@internal/plugin-coder-common';
import { type EntityTeam, teamOfEntity } from '@internal/plugin-mlp-react';
import type { WorkspacesFilter } from '../api';
import { repoUrlOfEntity } from './repoUrl';

/**
 * Which workspaces a card shows. On a user's page: all of the signed-in user's. On an ML project:
 * those cloning its repository from its template, and new ones are made for its owner team.
 */
export type WorkspaceScope =
  | { kind: 'user' }
  | {
      kind: 'project';
      repoUrl?: string;
      template?: string;
      team: EntityTeam;
    };

export function workspaceScope(entity: Entity): WorkspaceScope {
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    return { kind: 'user' };
  }
  const template =
    entity.metadata.annotations?.[CODER_TEMPLATE_ANNOTATION]?.trim() ||
    undefined;
  return {
    kind: 'project',
    repoUrl: repoUrlOfEntity(entity),
    template,
    team: teamOfEntity(entity, {
      what: 'Workspace GPUs',
      then: 'create workspaces for it',
    }),
  };
}

export function scopeFilter(scope: WorkspaceScope): WorkspacesFilter {
  return scope.kind === 'user'
    ? {}
    : { repoUrl: scope.repoUrl, template: scope.template };
}
