import { type Entity, parseEntityRef } from '@backstage/catalog-model';

export type EntityTeam = { team: string } | { problem: string };

/**
 * The team whose GPU cost an entity's card shows: a team group's own name, or the group that
 * owns a component (`group:default/nlp-team` or just `nlp-team`).
 */
export function teamOfEntity(entity: Entity): EntityTeam {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return { team: entity.metadata.name };
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return {
      problem:
        'This component has no owner. GPU budgets belong to teams: set spec.owner to the team that runs it.',
    };
  }
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    return {
      problem: `This component is owned by ${owner}, not a team. GPU budgets belong to teams: make a team its owner to see what it spends.`,
    };
  }
  return { team: ref.name };
}
