import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  champion,
  mockMlflowApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { ChampionCard } from './ChampionCard';

jest.setTimeout(20_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'support-ticket-classifier',
    annotations: {
      'mlflow.org/registered-model': 'support-ticket-classifier',
      'mlflow.org/server': 'local',
    },
  },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
};

const render = (api: MlflowApi) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <ChampionCard />
    </EntityProvider>,
    { apis: [[mlflowApiRef, api]] },
  );

describe('ChampionCard', () => {
  it('shows progress while MLflow answers', async () => {
    await render(
      mockMlflowApi({ champion: jest.fn(() => new Promise<never>(() => {})) }),
    );
    expect(await screen.findByText('Model (MLflow)')).toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the champion version, its key metrics, when and by which run', async () => {
    const api = mockMlflowApi();
    await render(api);
    const table = await screen.findByRole('table', { name: 'Champion' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      'ChampionVersion 3, Opens in a new window',
      'val_accuracy0.9',
      'val_loss0.2',
      'Registered2026-11-20 12:03 UTC',
      'By runsgd-a0.01, Opens in a new window',
    ]);
    expect(api.champion).toHaveBeenCalledWith(
      'local',
      'support-ticket-classifier',
    );
  });

  it('explains how to name a champion when there is none', async () => {
    await render(
      mockMlflowApi({ champion: jest.fn(async () => champion(false)) }),
    );
    expect(
      await screen.findByText(
        /No version of support-ticket-classifier has the champion alias yet/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's reason when the model is unknown", async () => {
    await render(
      mockMlflowApi({
        champion: jest.fn(async () => {
          throw await responseError(
            404,
            "No registered model named support-ticket-classifier on MLflow server 'local'; check the entity's mlflow.org/registered-model annotation",
          );
        }),
      }),
    );
    expect(
      await screen.findByText(
        /check the entity's mlflow.org\/registered-model annotation/,
      ),
    ).toBeInTheDocument();
  });
});
