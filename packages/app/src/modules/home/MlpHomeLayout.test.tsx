import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { gpuQuotaApiRef } from '@internal/plugin-gpu-quota';
import { jobsApiRef } from '@internal/plugin-jobs';
import { costApiRef } from '@internal/plugin-cost';
import { coderApiRef } from '@internal/plugin-coder';
import { mlflowApiRef } from '@internal/plugin-mlflow';
import { MlpHomeLayout } from './MlpHomeLayout';

jest.setTimeout(30_000);

type Me = { userEntityRef: string; teams: string[]; mayDecide: boolean };

const scientist: Me = {
  userEntityRef: 'user:default/amira.haddad',
  teams: ['nlp-team'],
  mayDecide: false,
};
const keeper: Me = {
  userEntityRef: 'user:default/morgan.lee',
  teams: ['platform-team'],
  mayDecide: true,
};

function apis(
  getMe: () => Promise<Me>,
  options: { displayName?: string; users?: Entity[] } = {
    displayName: 'Amira Haddad',
  },
) {
  const gpuQuota = {
    getMe: jest.fn(getMe),
    getTeamQuota: jest.fn(async (team: string) => ({
      status: 'no-quota',
      team,
      message: `Team ${team} has no GPU quota`,
    })),
    listRequests: jest.fn(async () => []),
    getOverview: jest.fn(async () => ({
      status: 'ok',
      fetchedAt: new Date().toISOString(),
      maxAgeSeconds: 15,
      teams: [],
    })),
  };
  return [
    [gpuQuotaApiRef, gpuQuota],
    [jobsApiRef, { listJobs: jest.fn(async () => []) }],
    [
      costApiRef,
      {
        getBudgetStatus: jest.fn(async (team: string) => ({
          team,
          month: '2026-12',
          currency: 'EUR',
          spent: 0,
          reserved: 0,
          alerts: [],
        })),
      },
    ],
    [
      coderApiRef,
      {
        listWorkspaces: jest.fn(async () => ({
          status: 'not-configured',
          message: 'Set coder.baseUrl',
        })),
      },
    ],
    [mlflowApiRef, { runs: jest.fn(), overview: jest.fn() }],
    catalogApiMock({ entities: options.users ?? [] }),
    mockApis.identity({
      userEntityRef: 'user:default/amira.haddad',
      displayName: options.displayName,
    }),
  ] as const;
}

function sectionNames(): string[] {
  return screen
    .getAllByRole('region')
    .map(r => r.getAttribute('aria-label') ?? '')
    .filter(name => name.startsWith('Your work') || name.startsWith('Waiting'));
}

describe('MlpHomeLayout', () => {
  it("greets a user by their catalog entry's name rather than their sign-in's user name", async () => {
    renderInTestApp(<MlpHomeLayout widgets={[]} />, {
      apis: apis(async () => scientist, {
        displayName: 'amira.haddad',
        users: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'amira.haddad' },
            spec: { profile: { displayName: 'Amira H.' }, memberOf: [] },
          },
        ],
      }) as any,
    });
    expect(await screen.findByText('Welcome, Amira H.')).toBeInTheDocument();
  });

  it("greets a scientist and shows their own work, without a keeper's cards", async () => {
    renderInTestApp(<MlpHomeLayout widgets={[]} />, {
      apis: apis(async () => scientist) as any,
    });
    expect(
      await screen.findByText('Welcome, Amira Haddad'),
    ).toBeInTheDocument();
    const work = await screen.findByRole('region', {
      name: 'Your work in nlp-team',
    });
    for (const title of [
      'My training jobs',
      "My teams' GPUs",
      "My teams' spend",
      'My workspaces',
      "My teams' models",
      'Recent MLflow runs',
    ]) {
      expect(within(work).getByText(title)).toBeInTheDocument();
    }
    expect(sectionNames()).toEqual(['Your work in nlp-team']);
    expect(screen.queryByText('Pending approvals')).not.toBeInTheDocument();
  });

  it("puts a keeper's approvals and teams near their limits first", async () => {
    renderInTestApp(<MlpHomeLayout widgets={[]} />, {
      apis: apis(async () => keeper) as any,
    });
    const keeperSection = await screen.findByRole('region', {
      name: 'Waiting for you as a platform keeper',
    });
    for (const title of [
      'Pending approvals',
      'Teams near their GPU quota',
      'Teams near their budget',
    ]) {
      expect(within(keeperSection).getByText(title)).toBeInTheDocument();
    }
    expect(sectionNames()).toEqual([
      'Waiting for you as a platform keeper',
      'Your work in platform-team',
    ]);
  });

  it('shows why the cards cannot load, with a retry', async () => {
    renderInTestApp(<MlpHomeLayout widgets={[]} />, {
      apis: apis(async () => {
        throw new Error('The GPU quota backend does not answer');
      }) as any,
    });
    expect(
      await screen.findByText('The GPU quota backend does not answer'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByText('My training jobs')).not.toBeInTheDocument();
  });
});
