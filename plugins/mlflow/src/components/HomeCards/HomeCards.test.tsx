import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  mockMlflowApi,
  page,
  responseError,
  run,
} from '../../__testUtils__/fixtures';
import { RecentRunsCard } from './RecentRunsCard';
import { TeamModelsCard } from './TeamModelsCard';

jest.setTimeout(20_000);

/** What Backstage's Link adds to the text of a link that leaves the portal. */
const EXTERNAL = ', Opens in a new window';

function component(
  name: string,
  team: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'ml-model', owner: `group:default/${team}` },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
  };
}

const ticketModel = component('support-ticket-classifier', 'nlp-team', {
  'mlflow.org/registered-model': 'support-ticket-classifier',
  'mlflow.org/experiment-name': 'nlp-team/support-ticket-classifier',
});
const urgency = component('ticket-urgency', 'nlp-team', {
  'mlflow.org/experiment-name': 'nlp-team/ticket-urgency',
});
const otherTeams = component('defect-detector', 'vision-team', {
  'mlflow.org/registered-model': 'defect-detector',
  'mlflow.org/experiment-name': 'vision-team/defect-detector',
});

function render(element: JSX.Element, api: MlflowApi) {
  return renderInTestApp(element, {
    apis: [
      [mlflowApiRef, api],
      catalogApiMock({ entities: [ticketModel, urgency, otherTeams] }),
    ],
  });
}

const never = () => jest.fn(() => new Promise<never>(() => {}));

describe('TeamModelsCard', () => {
  it("shows only the teams' registered models with champion, key metric and challenger", async () => {
    const api = mockMlflowApi();
    render(<TeamModelsCard teams={['nlp-team']} />, api);
    const row = await screen.findByTestId(
      'team-model-support-ticket-classifier',
    );
    expect(api.overview).toHaveBeenCalledTimes(1);
    expect(api.overview).toHaveBeenCalledWith(
      undefined,
      'support-ticket-classifier',
    );
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent?.replace(EXTERNAL, '')),
    ).toEqual([
      'support-ticket-classifier',
      'nlp-team',
      'v3',
      'val_accuracy 0.9123',
      'v1',
    ]);
    expect(screen.queryByTestId('team-model-defect-detector')).toBeNull();
  });

  it('shows a model the registry does not know in its row, the others still', async () => {
    const api = mockMlflowApi({
      overview: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'No registered model support-ticket-classifier',
          ),
        ),
    });
    render(<TeamModelsCard teams={['nlp-team']} />, api);
    expect(
      await screen.findByText('No registered model support-ticket-classifier'),
    ).toBeInTheDocument();
  });

  it('shows progress, and says when the teams have no registered model', async () => {
    const a = render(
      <TeamModelsCard teams={['nlp-team']} />,
      mockMlflowApi({ overview: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    a.unmount();
    render(<TeamModelsCard teams={['speech-team']} />, mockMlflowApi());
    expect(
      await screen.findByText(/Your teams have no registered model/),
    ).toBeInTheDocument();
  });
});

describe('RecentRunsCard', () => {
  it("merges the teams' experiments' runs, newest first", async () => {
    const api = mockMlflowApi({
      runs: jest.fn(async ({ experiment }) =>
        experiment === 'nlp-team/ticket-urgency'
          ? page([run(5, { runName: 'urgency-new' }), run(1)])
          : page([
              run(4, { runName: 'ticket-4' }),
              run(2, { runName: 'ticket-2' }),
            ]),
      ),
    });
    render(<RecentRunsCard teams={['nlp-team']} />, api);
    const table = await screen.findByRole('table', {
      name: 'Recent MLflow runs',
    });
    expect(api.runs).toHaveBeenCalledTimes(2);
    expect(api.runs).toHaveBeenCalledWith(
      expect.objectContaining({
        experiment: 'nlp-team/ticket-urgency',
        orderBy: 'attributes.start_time DESC',
      }),
    );
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r).getAllByRole('cell')[0].textContent?.replace(EXTERNAL, ''),
      );
    expect(names).toEqual(['urgency-new', 'ticket-4', 'ticket-2', 'run-1']);
  });

  it('keeps the runs it could read and names the experiment it could not', async () => {
    const api = mockMlflowApi({
      runs: jest.fn(async ({ experiment }) => {
        if (experiment === 'nlp-team/ticket-urgency') {
          throw await responseError(
            404,
            'No experiment nlp-team/ticket-urgency',
          );
        }
        return page([run(2)]);
      }),
    });
    render(<RecentRunsCard teams={['nlp-team']} />, api);
    expect(await screen.findByText('run-2')).toBeInTheDocument();
    expect(
      screen.getByText(/Not read: nlp-team\/ticket-urgency: No experiment/),
    ).toBeInTheDocument();
  });

  it('shows a failure when no experiment answers, progress, and the empty state', async () => {
    const a = render(
      <RecentRunsCard teams={['nlp-team']} />,
      mockMlflowApi({
        runs: jest
          .fn()
          .mockRejectedValue(await responseError(502, 'MLflow is down')),
      }),
    );
    expect(await screen.findByText('MLflow is down')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    a.unmount();

    const b = render(
      <RecentRunsCard teams={['nlp-team']} />,
      mockMlflowApi({ runs: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    b.unmount();

    render(
      <RecentRunsCard teams={['nlp-team']} />,
      mockMlflowApi({ runs: jest.fn(async () => page([])) }),
    );
    expect(
      await screen.findByText(/No runs yet in your teams/),
    ).toBeInTheDocument();
  });
});
