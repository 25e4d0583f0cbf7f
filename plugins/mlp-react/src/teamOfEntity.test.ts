import type { Entity } from '@backstage/catalog-model';
import { entityPagePath, teamPagePath, teamOfEntity } from './teamOfEntity';

const component = (owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-ticket-classifier' },
  spec: { type: 'ml-model', ...(owner === undefined ? {} : { owner }) },
});
const cost = { what: 'GPU budgets', then: 'see what it spends' };

describe('teamOfEntity', () => {
  it("is a team's own name, or the group that owns a component", () => {
    expect(
      teamOfEntity(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'nlp-team' },
        },
        cost,
      ),
    ).toEqual({ team: 'nlp-team' });
    expect(teamOfEntity(component('group:default/nlp-team'), cost)).toEqual({
      team: 'nlp-team',
    });
    expect(teamOfEntity(component('vision-team'), cost)).toEqual({
      team: 'vision-team',
    });
  });

  it("says what is missing, in the card's own words", () => {
    expect(teamOfEntity(component(), cost)).toEqual({
      problem:
        'This component has no owner. GPU budgets belong to teams: set spec.owner to the team that runs it.',
    });
    expect(
      teamOfEntity(component('user:default/alex.kim'), {
        what: 'GPU quotas',
        then: 'see and request GPUs',
      }),
    ).toEqual({
      problem:
        'This component is owned by user:default/alex.kim, not a team. GPU quotas belong to teams: make a team its owner to see and request GPUs.',
    });
  });
});

describe('entityPagePath', () => {
  it("leads to an entity's page or one of its tabs, kind in lower case", () => {
    expect(
      entityPagePath({ kind: 'Component', name: 'churn-predictor' }, 'mlflow'),
    ).toBe('/catalog/default/component/churn-predictor/mlflow');
    expect(
      entityPagePath({
        kind: 'Group',
        namespace: 'research',
        name: 'nlp team',
      }),
    ).toBe('/catalog/research/group/nlp%20team');
    expect(teamPagePath('nlp-team')).toBe('/catalog/default/group/nlp-team');
  });
});
