import { type Entity, parseEntityRef } from '@backstage/catalog-model';

export type EntityTeam = { team: string } | { problem: string };

/**
 * The team an entity's card is about: a team group's own name, or the group that owns a
 * component (`group:default/nlp-team` or just `nlp-team`). When there is none, a problem to show,
 * worded for the card: `what` belongs to teams (e.g. "GPU budgets"), and a team owner lets the
 * user `then` (e.g. "see what it spends").
 */
export function teamOfEntity(
  entity: Entity,
  wording: { what: string; then: string },
): EntityTeam {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return { team: entity.metadata.name };
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return {
      problem: `This component has no owner. ${wording.what} belong to teams: set spec.owner to the team that runs it.`,
    };
  }
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    return {
      problem: `This component is owned by ${owner}, not a team. ${wording.what} belong to teams: make a team its owner to ${wording.then}.`,
    };
  }
  return { team: ref.name };
}

/** The catalog page of an entity, or one of its tabs (`mlflow`, `kubernetes`...). */
export function entityPagePath(
  entity: { kind: string; namespace?: string; name: string },
  tab?: string,
): string {
  const path = [
    'catalog',
    entity.namespace ?? 'default',
    entity.kind.toLocaleLowerCase('en-US'),
    entity.name,
  ].map(encodeURIComponent);
  return `/${path.join('/')}${tab ? `/${tab}` : ''}`;
}

/** The catalog page of a team (a group in the default namespace). */
export function teamPagePath(team: string): string {
  return entityPagePath({ kind: 'group', name: team });
}
