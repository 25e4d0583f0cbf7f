import { screen, within } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import plugin from './index';
import { okOverview, quotaRequest } from './__testUtils__/fixtures';

/** Answers like the gpu-quota backend, keyed by path under its base URL. */
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

describe('gpuQuotaPlugin', () => {
  it('is the package default export, with id gpu-quota', () => {
    expect(plugin.id).toBe('gpu-quota');
  });

  it('serves the GPU quotas page from the real client, with a nav item', async () => {
    const fetch = backend({
      '/api/gpu-quota/teams': okOverview(),
      '/api/gpu-quota/requests': { requests: [quotaRequest()] },
      '/api/gpu-quota/me': {
        userEntityRef: 'user:default/morgan.lee',
        teams: [],
        mayDecide: true,
      },
    });
    renderTestApp({
      features: [plugin],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch.mock({ fetch }),
      ],
      initialRouteEntries: ['/gpu-quotas'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const table = await screen.findByRole('table', {
      name: 'GPU quotas of all teams',
    });
    expect(within(table).getByText('over 90%')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    // the sidebar item, discovered from the page's title and icon, marks the current page
    expect(
      screen.getByRole('link', { name: 'GPU quotas', current: 'page' }),
    ).toHaveAttribute('href', '/gpu-quotas');
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/gpu-quota/teams',
      undefined,
    );
  });
});
