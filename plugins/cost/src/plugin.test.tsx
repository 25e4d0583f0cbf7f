import { screen, within } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import plugin from './index';
import { budget, budgetStatus, costSummary } from './__testUtils__/fixtures';
import { monthOf, monthRange } from './components/shared/dates';

jest.setTimeout(20_000);

/** Answers like the cost backend, keyed by path under its base URL. */
function backend(routes: Record<string, unknown>) {
  return jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const body = routes[url.pathname];
    if (body === undefined) {
      return new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: `no ${url.pathname}` },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      );
    }
    return new Response(JSON.stringify(body), {
      headers: { 'Content-Type': 'application/json' },
    });
  });
}

describe('costPlugin', () => {
  it('is the package default export, with id cost', () => {
    expect(plugin.id).toBe('cost');
  });

  it('serves the GPU cost page from the real client, with a nav item', async () => {
    const range = monthRange(monthOf(new Date()));
    const fetch = backend({
      '/api/cost/teams/nlp-team/summary': costSummary(range),
      '/api/cost/teams/nlp-team/budget-status': budgetStatus(),
      '/api/cost/budgets/nlp-team': { budgets: [budget()] },
    });
    renderTestApp({
      features: [plugin],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch.mock({ fetch }),
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'nlp-team' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
      initialRouteEntries: ['/cost'],
    });

    const table = await screen.findByRole('table', { name: 'Cost by model' });
    expect(within(table).getByText('support-summariser')).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Daily GPU spend' }),
    ).toBeInTheDocument();
    // the page header's title, once
    expect(
      screen.getByRole('heading', { level: 1, name: 'GPU cost' }),
    ).toBeInTheDocument();
    // the sidebar item, discovered from the page's title and icon, marks the current page
    expect(
      screen.getByRole('link', { name: 'GPU cost', current: 'page' }),
    ).toHaveAttribute('href', '/cost');
    expect(fetch).toHaveBeenCalledWith(
      `http://localhost:7007/api/cost/teams/nlp-team/summary?from=${range.from}&to=${range.to}`,
      undefined,
    );
  });
});
