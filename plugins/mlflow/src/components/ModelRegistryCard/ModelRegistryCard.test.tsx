import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  mockMlflowApi,
  overview,
  responseError,
} from '../../__testUtils__/fixtures';
import { ModelRegistryCard } from './ModelRegistryCard';

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
      <ModelRegistryCard />
    </EntityProvider>,
    { apis: [[mlflowApiRef, api]] },
  );

const rowsOf = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .map(r => r.textContent);

describe('ModelRegistryCard', () => {
  it('shows progress while MLflow answers', async () => {
    await render(
      mockMlflowApi({ overview: jest.fn(() => new Promise<never>(() => {})) }),
    );
    expect(
      await screen.findByText('Model in the registry'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows champion and challenger: version, key metric first then three more, registered, run', async () => {
    const api = mockMlflowApi();
    await render(api);
    await screen.findByRole('table', { name: 'Champion' });
    expect(rowsOf('Champion')).toEqual([
      'ChampionVersion 3, Opens in a new window',
      'val_accuracy (key metric)0.9123',
      'epoch_time12',
      'train_loss0.15',
      'val_f1_macro0.88',
      'Registered2026-11-20 12:03 UTC',
      'Runsgd-a0.01, Opens in a new window',
    ]);
    expect(rowsOf('Challenger')).toEqual([
      'ChallengerVersion 1, Opens in a new window',
      'val_accuracy (key metric)0.87',
      'val_loss0.3',
      'Registered2026-11-20 12:01 UTC',
      'Runsgd-a0.1, Opens in a new window',
    ]);
    const champion = screen.getByRole('table', { name: 'Champion' });
    expect(
      within(champion).getByRole('link', { name: /^Version 3/ }),
    ).toHaveAttribute(
      'href',
      'http://mlflow.example/#/models/support-ticket-classifier/versions/3',
    );
    // The full value, for the e2e test and whoever hovers.
    expect(within(champion).getByTestId('key-metric-value')).toHaveAttribute(
      'title',
      '0.91234',
    );
    expect(api.overview).toHaveBeenCalledWith(
      'local',
      'support-ticket-classifier',
    );
  });

  it("says since when the champion has its alias, and when the time is unknown that it moved outside the portal's tools", async () => {
    await render(mockMlflowApi());
    const [champion, challenger] = await screen.findAllByTestId('alias-moved');
    expect(champion).toHaveTextContent(/^Champion since 2026-11-21 09:30 UTC$/);
    expect(challenger).toHaveTextContent(
      /^Challenger moved outside the portal's tools; time unknown$/,
    );
    expect(challenger).toHaveAttribute(
      'title',
      "moved outside the portal's tools: no mlp.alias.challenger tag records when",
    );
  });

  it('explains how to name a champion when there is none, and still shows the challenger and other aliases', async () => {
    const full = overview();
    const [, challenger] = full.aliases;
    await render(
      mockMlflowApi({
        overview: jest.fn(async () => ({
          ...full,
          aliases: [
            challenger,
            {
              ...challenger,
              alias: 'staging',
              modelVersion: { ...challenger.modelVersion, version: '2' },
            },
          ],
        })),
      }),
    );
    const empty = await screen.findByTestId('no-champion');
    expect(empty).toHaveTextContent(
      /No version of support-ticket-classifier has the champion alias yet/,
    );
    expect(empty).toHaveTextContent(
      'client.set_registered_model_alias("support-ticket-classifier", "champion", version)',
    );
    expect(empty).toHaveTextContent(
      'client.set_registered_model_tag("support-ticket-classifier", "mlp.alias.champion", f"{version}@{datetime.now(timezone.utc).isoformat()}")',
    );
    expect(
      screen.queryByRole('table', { name: 'Champion' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Challenger' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('other-aliases')).toHaveTextContent(
      /^Other aliases: staging → version 2/,
    );
  });

  it("shows the backend's reason when the model is unknown, and tries again", async () => {
    const api = mockMlflowApi({
      overview: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            404,
            "No registered model named support-ticket-classifier on MLflow server 'local'; check the entity's mlflow.org/registered-model annotation",
          ),
        )
        .mockResolvedValueOnce(overview()),
    });
    await render(api);
    expect(
      await screen.findByText(
        /check the entity's mlflow.org\/registered-model annotation/,
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Champion' }),
    ).toBeInTheDocument();
    expect(api.overview).toHaveBeenCalledTimes(2);
  });
});
