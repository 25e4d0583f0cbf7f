import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { run } from '../../__testUtils__/fixtures';
import { RunsTable } from './RunsTable';

const long = `${'very-long-value-'.repeat(12)}end`.slice(0, 200);

function renderTable(runs = [run(0)]) {
  return renderInTestApp(
    <RunsTable
      runs={runs}
      columns={{ metrics: ['val_loss'], params: ['lr', 'notes'] }}
      selected={new Map()}
      onToggle={jest.fn()}
    />,
  );
}

describe('RunsTable', () => {
  it('gives each chosen metric and parameter a column, under its group', async () => {
    await renderTable([run(0, { params: { lr: '0.1', epochs: '8' } })]);
    const table = await screen.findByRole('table', { name: 'Runs' });
    const [groups, keys] = within(table).getAllByRole('row');
    expect(
      within(groups)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      '',
      'Run',
      'Status',
      'Started',
      'Duration',
      'User',
      'Metrics',
      'Parameters',
      'Tags',
    ]);
    expect(
      within(keys)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['val_loss', 'lr', 'notes']);
    expect(
      within(table).getByRole('columnheader', { name: 'Metrics' }),
    ).toHaveAttribute('colspan', '1');
    expect(
      within(table).getByRole('columnheader', { name: 'Parameters' }),
    ).toHaveAttribute('colspan', '2');
    // A param the run does not have.
    expect(within(table).getAllByRole('cell').at(-2)).toHaveTextContent('—');
  });

  it('never breaks a header inside a word, and scrolls sideways in its own box', async () => {
    await renderTable();
    const table = await screen.findByRole('table', { name: 'Runs' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers).toHaveLength(12);
    for (const header of headers) {
      expect(header).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    expect(
      within(table).getByRole('columnheader', { name: 'Run' }),
    ).toHaveStyle({ minWidth: '160px' });
    expect(
      within(table).getByRole('columnheader', { name: 'Started' }),
    ).toHaveStyle({ minWidth: '150px' });
    expect(table.parentElement).toHaveStyle({ overflowX: 'auto' });
  });

  it('cuts long values with an ellipsis, the whole value in the title', async () => {
    await renderTable([
      run(0, {
        runName: `run-${long}`,
        user: `user-${long}`,
        params: { lr: '0.1', notes: long },
        tags: { note: long },
      }),
    ]);
    await screen.findByRole('table', { name: 'Runs' });
    const param = screen.getByTitle(long);
    expect(param).toHaveTextContent(long);
    expect(param).toHaveStyle({
      maxWidth: '180px',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    });
    for (const value of [`run-${long}`, `user-${long}`]) {
      expect(screen.getByTitle(value)).toHaveStyle({
        textOverflow: 'ellipsis',
      });
    }
    expect(
      screen.getByRole('link', { name: new RegExp(`^run-${long}`) }),
    ).toBeInTheDocument();
    expect(screen.getByTitle(`note=${long}`)).toHaveStyle({
      maxWidth: '200px',
    });
  });
});
