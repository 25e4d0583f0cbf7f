import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  mockMlflowApi,
  model,
  page,
  responseError,
  run,
} from '../../__testUtils__/fixtures';
import { MlflowContent } from './MlflowContent';

jest.setTimeout(20_000);

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-ticket-classifier', annotations },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
});
const both = entity({
  'mlflow.org/experiment-name': 'nlp-team/support-ticket-classifier',
  'mlflow.org/registered-model': 'support-ticket-classifier',
});

function render(api: MlflowApi, e: Entity = both) {
  return renderInTestApp(
    <EntityProvider entity={e}>
      <MlflowContent />
    </EntityProvider>,
    { apis: [[mlflowApiRef, api]] },
  );
}

// The rows of data: header rows (the runs table has two) are left out.
const rowsOf = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .filter(row => within(row).queryAllByRole('columnheader').length === 0)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent ?? ''),
    );

describe('MlflowContent', () => {
  afterEach(() => window.localStorage.clear());

  it('shows progress while MLflow answers', async () => {
    const pending = () => new Promise<never>(() => {});
    await render(
      mockMlflowApi({ runs: jest.fn(pending), model: jest.fn(pending) }),
    );
    expect(
      await screen.findByText('Runs of nlp-team/support-ticket-classifier'),
    ).toBeInTheDocument();
    // Backstage's Progress appears after a short delay, against flicker, and
    // the two sections' delays end separately: under load one can be seen first.
    await waitFor(() =>
      expect(screen.getAllByRole('progressbar')).toHaveLength(2),
    );
    expect(
      screen.queryByRole('table', { name: 'Runs' }),
    ).not.toBeInTheDocument();
  });

  it('says when the experiment has no runs yet', async () => {
    await render(mockMlflowApi({ runs: jest.fn(async () => page([])) }));
    expect(
      await screen.findByText(
        'nlp-team/support-ticket-classifier has no runs yet.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the experiment's runs: status, times, user, a column per metric and param, tags", async () => {
    const api = mockMlflowApi();
    await render(api);
    await screen.findByRole('table', { name: 'Runs' });
    expect(rowsOf('Runs')[0]).toEqual([
      '',
      'run-0, Opens in a new window',
      'FINISHED',
      '2026-11-20 10:00 UTC',
      '30 s',
      'amira.haddad',
      '0.9',
      '0.5',
      '8',
      '0.1',
      'team=nlp-team',
    ]);
    expect(screen.getByRole('link', { name: /^run-0\b/ })).toHaveAttribute(
      'href',
      'http://mlflow.example/#/experiments/1/runs/0',
    );
    expect(api.runs).toHaveBeenCalledWith({
      server: undefined,
      experiment: 'nlp-team/support-ticket-classifier',
      filter: undefined,
      orderBy: 'attributes.start_time DESC',
      pageSize: 25,
      pageToken: undefined,
    });
  });

  it("passes the filter through, and shows MLflow's complaint about a bad one with a retry", async () => {
    const api = mockMlflowApi({
      runs: jest.fn(async request => {
        if (request.filter === 'metrics.x >>> 1') {
          throw await responseError(
            400,
            "Could not search the runs of experiment 1: MLflow server 'local' says Invalid comparator '>>>'",
          );
        }
        return page(request.filter ? [] : [run(0)]);
      }),
    });
    await render(api);
    await screen.findByRole('table', { name: 'Runs' });
    fireEvent.change(screen.getByLabelText('Filter'), {
      target: { value: 'metrics.x >>> 1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(/says Invalid comparator '>>>'/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Filter'), {
      target: { value: "params.lr = '9'" },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(
        "No runs of nlp-team/support-ticket-classifier match the filter params.lr = '9'.",
      ),
    ).toBeInTheDocument();
  });

  it("pages forward and back with MLflow's page tokens", async () => {
    const api = mockMlflowApi({
      runs: jest.fn(async request =>
        request.pageToken === 'p2'
          ? page([run(2)])
          : page([run(0), run(1)], 'p2'),
      ),
    });
    await render(api);
    await screen.findByRole('link', { name: /^run-0\b/ });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: /^run-2\b/ });
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    expect(api.runs).toHaveBeenLastCalledWith(
      expect.objectContaining({ pageToken: 'p2' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByRole('link', { name: /^run-0\b/ });
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });

  it('compares selected runs: one metric overlaid, parameters that differ marked', async () => {
    const api = mockMlflowApi();
    await render(api);
    await screen.findByRole('table', { name: 'Runs' });
    expect(
      screen.getByRole('button', { name: 'Show metric charts' }),
    ).toBeDisabled();
    fireEvent.click(screen.getByLabelText('Select run-0'));
    fireEvent.click(screen.getByLabelText('Select run-1'));
    fireEvent.click(screen.getByRole('button', { name: 'Compare 2 runs' }));
    expect(await screen.findByText('Comparing 2 runs')).toBeInTheDocument();
    await screen.findByRole('figure', { name: 'History of val_accuracy' });
    expect(api.metricHistory).toHaveBeenCalledWith(
      undefined,
      run(0).runId,
      'val_accuracy',
    );
    expect(api.metricHistory).toHaveBeenCalledWith(
      undefined,
      run(1).runId,
      'val_accuracy',
    );
    expect(rowsOf('Parameters of the selected runs')).toEqual([
      ['epochs', '8', '8'],
      ['lr (differs)', '0.1', '0.01'],
    ]);
  });

  it('shows the registered model: versions with aliases, no stage column when unused, logged models', async () => {
    await render(mockMlflowApi());
    await screen.findByRole('table', { name: 'Model versions' });
    expect(rowsOf('Model versions')).toEqual([
      [
        'Version 3, Opens in a new window',
        'champion',
        'READY',
        'run-of-3',
        '2026-11-20 12:03 UTC',
      ],
      [
        'Version 2, Opens in a new window',
        '',
        'READY',
        'run-of-2',
        '2026-11-20 12:02 UTC',
      ],
      [
        'Version 1, Opens in a new window',
        'challenger',
        'READY',
        'run-of-1',
        '2026-11-20 12:01 UTC',
      ],
    ]);
    expect(rowsOf('Logged models')).toEqual([
      ['m-3', 'model', 'LOGGED_MODEL_READY', 'run-of-3', 'val_accuracy=0.97'],
    ]);
  });

  it('shows stages where the server still uses them', async () => {
    const m = model();
    m.versions[0].stage = 'Production';
    await render(mockMlflowApi({ model: jest.fn(async () => m) }));
    await screen.findByRole('table', { name: 'Model versions' });
    expect(rowsOf('Model versions')[0]).toContain('Production');
    expect(rowsOf('Model versions')[1]).toContain('—');
  });

  it('says what is wrong when MLflow is down, and retries', async () => {
    let down = true;
    const api = mockMlflowApi({
      model: jest.fn(async () => {
        if (down)
          throw await responseError(
            503,
            "Could not read registered model support-ticket-classifier: MLflow server 'local' at http://mlflow:5000 did not answer (ECONNREFUSED)",
          );
        return model();
      }),
    });
    await render(
      api,
      entity({ 'mlflow.org/registered-model': 'support-ticket-classifier' }),
    );
    expect(
      await screen.findByText(/did not answer \(ECONNREFUSED\)/),
    ).toBeInTheDocument();
    // Only the model is annotated: no runs section.
    expect(
      screen.queryByRole('table', { name: 'Runs' }),
    ).not.toBeInTheDocument();
    down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(
        screen.getByRole('table', { name: 'Model versions' }),
      ).toBeInTheDocument(),
    );
  });
});
