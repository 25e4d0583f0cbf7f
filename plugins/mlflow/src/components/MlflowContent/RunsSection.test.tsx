import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { mlflowApiRef, type MlflowApi } from '../../api';
import { mockMlflowApi, page, run } from '../../__testUtils__/fixtures';
import { columnStorageKey } from './columnStorage';
import { RunsSection } from './RunsSection';

jest.setTimeout(20_000);

const EXPERIMENT = 'nlp-team/support-ticket-classifier';
const FIXED = ['', 'Run', 'Status', 'Started', 'Duration', 'User'];

const wide = (i: number) =>
  run(i, {
    metrics: {
      accuracy: 0.8,
      epoch_time: 12,
      loss: 0.4,
      val_accuracy: 0.9,
      val_loss: 0.5,
    },
    params: { batch_size: '32', epochs: '8', lr: '0.1', optimizer: 'adam' },
  });

const api = () =>
  mockMlflowApi({ runs: jest.fn(async () => page([wide(0), wide(1)])) });

function render(mlflow: MlflowApi, experiment = EXPERIMENT) {
  return renderInTestApp(<RunsSection experiment={experiment} />, {
    apis: [[mlflowApiRef, mlflow]],
  });
}

/** Every header of the runs table, both rows, as read. */
async function headers() {
  const table = await screen.findByRole('table', { name: 'Runs' });
  return within(table)
    .getAllByRole('columnheader')
    .map(h => h.textContent);
}

function openChooser() {
  fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
  return screen.getByRole('dialog', { name: 'Columns' });
}

/** Closes the chooser as a user would; till then the rest of the page is hidden from them. */
async function closeChooser() {
  fireEvent.keyDown(screen.getByRole('dialog', { name: 'Columns' }), {
    key: 'Escape',
  });
  await waitFor(() =>
    expect(screen.queryByRole('dialog', { name: 'Columns' })).toBeNull(),
  );
}

const box = (chooser: HTMLElement, group: string, key: string) =>
  within(within(chooser).getByRole('group', { name: group })).getByRole(
    'checkbox',
    { name: key },
  );

describe('RunsSection columns', () => {
  afterEach(() => window.localStorage.clear());

  it('shows three metrics, validation ones first, and the first two params by default', async () => {
    await render(api());
    expect(await headers()).toEqual([
      ...FIXED,
      'Metrics',
      'Parameters',
      'Tags',
      'accuracy',
      'val_accuracy',
      'val_loss',
      'batch_size',
      'epochs',
    ]);
    const chooser = openChooser();
    expect(
      within(within(chooser).getByRole('group', { name: 'Metrics' }))
        .getAllByRole('checkbox')
        .map(c => [
          c.closest('label')?.textContent,
          (c as HTMLInputElement).checked,
        ]),
    ).toEqual([
      ['accuracy', true],
      ['epoch_time', false],
      ['loss', false],
      ['val_accuracy', true],
      ['val_loss', true],
    ]);
    expect(box(chooser, 'Parameters', 'lr')).not.toBeChecked();
  });

  it('drops an unticked metric, adds a ticked param, and the cells follow', async () => {
    await render(api());
    await headers();
    const chooser = openChooser();
    fireEvent.click(box(chooser, 'Metrics', 'val_loss'));
    fireEvent.click(box(chooser, 'Parameters', 'optimizer'));
    expect(box(chooser, 'Metrics', 'val_loss')).not.toBeChecked();
    expect(box(chooser, 'Parameters', 'optimizer')).toBeChecked();
    await closeChooser();
    expect((await headers()).slice(FIXED.length + 3)).toEqual([
      'accuracy',
      'val_accuracy',
      'batch_size',
      'epochs',
      'optimizer',
    ]);
    const firstRun = within(
      screen.getByRole('table', { name: 'Runs' }),
    ).getAllByRole('row')[2];
    expect(
      within(firstRun)
        .getAllByRole('cell')
        .slice(FIXED.length)
        .map(c => c.textContent),
    ).toEqual(['0.8', '0.9', '32', '8', 'adam', 'team=nlp-team']);
  });

  it('keeps the choice for the experiment across a reload, and back to the defaults on request', async () => {
    const first = await render(api());
    await headers();
    const chooser = openChooser();
    fireEvent.click(box(chooser, 'Metrics', 'accuracy'));
    fireEvent.click(box(chooser, 'Parameters', 'lr'));
    await closeChooser();
    first.unmount();

    await render(api());
    const chosen = [
      ...FIXED,
      'Metrics',
      'Parameters',
      'Tags',
      'val_accuracy',
      'val_loss',
      'batch_size',
      'epochs',
      'lr',
    ];
    expect(await headers()).toEqual(chosen);
    expect(
      JSON.parse(window.localStorage.getItem(columnStorageKey(EXPERIMENT))!),
    ).toEqual({
      metrics: ['val_accuracy', 'val_loss'],
      params: ['batch_size', 'epochs', 'lr'],
    });

    fireEvent.click(
      within(openChooser()).getByRole('button', { name: 'Default columns' }),
    );
    await closeChooser();
    expect(await headers()).toContain('accuracy');
    expect(
      window.localStorage.getItem(columnStorageKey(EXPERIMENT)),
    ).toBeNull();
  });

  it("does not apply one experiment's choice to another", async () => {
    window.localStorage.setItem(
      columnStorageKey(EXPERIMENT),
      JSON.stringify({ metrics: ['loss'], params: [] }),
    );
    await render(api(), 'nlp-team/other');
    expect(await headers()).toContain('val_loss');
  });

  it('switches to the choice of the experiment shown', async () => {
    window.localStorage.setItem(
      columnStorageKey('nlp-team/other'),
      JSON.stringify({ metrics: ['loss'], params: [] }),
    );
    const Switching = () => {
      const [experiment, setExperiment] = useState(EXPERIMENT);
      return (
        <>
          <button onClick={() => setExperiment('nlp-team/other')}>
            Switch
          </button>
          <RunsSection experiment={experiment} />
        </>
      );
    };
    await renderInTestApp(<Switching />, { apis: [[mlflowApiRef, api()]] });
    expect(await headers()).toContain('val_loss');
    fireEvent.click(screen.getByRole('button', { name: 'Switch' }));
    await screen.findByText('Runs of nlp-team/other');
    expect((await headers()).slice(FIXED.length)).toEqual([
      'Metrics',
      'Tags',
      'loss',
    ]);
  });

  it('ignores chosen keys the runs no longer have', async () => {
    window.localStorage.setItem(
      columnStorageKey(EXPERIMENT),
      JSON.stringify({ metrics: ['gone', 'loss'], params: ['removed'] }),
    );
    await render(api());
    expect(await headers()).toEqual([...FIXED, 'Metrics', 'Tags', 'loss']);
    const chooser = openChooser();
    expect(
      within(chooser).queryByRole('checkbox', { name: 'gone' }),
    ).toBeNull();
    expect(box(chooser, 'Parameters', 'epochs')).not.toBeChecked();
  });
});
