import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  mockMlflowApi,
  page,
  responseError,
  run,
} from '../../__testUtils__/fixtures';
import { LatestRunsCard } from './LatestRunsCard';

jest.setTimeout(20_000);

/** What Backstage's Link adds to the text of a link that leaves the portal. */
const EXTERNAL = ', Opens in a new window';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'support-ticket-classifier',
    annotations: {
      'mlflow.org/registered-model': 'support-ticket-classifier',
      'mlflow.org/experiment-name': 'nlp-team/support-ticket-classifier',
    },
  },
  spec: { type: 'ml-model', owner: 'group:default/nlp-team' },
};

function render(api: MlflowApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <LatestRunsCard />
    </EntityProvider>,
    { apis: [[mlflowApiRef, api]] },
  );
}

describe('LatestRunsCard', () => {
  it("shows the experiment's newest runs with the registry's key metric", async () => {
    const api = mockMlflowApi({
      runs: jest.fn(async () =>
        page([run(2, { metrics: { val_accuracy: 0.93456 } }), run(1)]),
      ),
    });
    render(api);
    const table = await screen.findByRole('table', { name: 'Latest runs' });
    expect(api.runs).toHaveBeenCalledWith({
      server: undefined,
      experiment: 'nlp-team/support-ticket-classifier',
      orderBy: 'attributes.start_time DESC',
      pageSize: 5,
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Run', 'Status', 'Started', 'Duration', 'val_accuracy']);
    const cells = within(screen.getByTestId(`latest-run-${run(2).runId}`))
      .getAllByRole('cell')
      .map(c => c.textContent?.replace(EXTERNAL, ''));
    expect(cells[0]).toBe('run-2');
    expect(cells[3]).toBe('30 s');
    expect(cells[4]).toBe('0.9346');
    expect(
      screen.getByRole('link', { name: /All runs and comparisons/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/support-ticket-classifier/mlflow',
    );
  });

  it('shows the empty state, and failures with a retry', async () => {
    const a = render(mockMlflowApi({ runs: jest.fn(async () => page([])) }));
    expect(
      await screen.findByText(
        /No runs in nlp-team\/support-ticket-classifier yet/,
      ),
    ).toBeInTheDocument();
    a.unmount();
    render(
      mockMlflowApi({
        runs: jest
          .fn()
          .mockRejectedValue(await responseError(502, 'MLflow is down')),
      }),
    );
    expect(await screen.findByText('MLflow is down')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    render(mockMlflowApi({ runs: jest.fn(() => new Promise(() => {})) }));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });
});
