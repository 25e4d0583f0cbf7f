import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import plugin from './index';
import { job, myTeams } from './__testUtils__/fixtures';

jest.setTimeout(20_000);

/** Answers like the jobs and GPU quota backends, keyed by path. */
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

const routes = {
  '/api/jobs': { jobs: [job({ phase: 'Succeeded' })] },
  '/api/gpu-quota/me': myTeams,
};

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

describe('jobsPlugin', () => {
  it('is the package default export, with id jobs', () => {
    expect(plugin.id).toBe('jobs');
  });

  it('serves the Training jobs page from the real client, with a nav item', async () => {
    const fetch = backend(routes);
    renderTestApp({
      features: [plugin],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch.mock({ fetch }),
      ],
      initialRouteEntries: ['/jobs'],
    });

    const table = await screen.findByRole('table', { name: 'Training jobs' });
    expect(
      within(table).getByText('bert-finetuning-x7k2p'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Training jobs' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Training jobs', current: 'page' }),
    ).toHaveAttribute('href', '/jobs');
    expect(
      await screen.findByText('mlp login --url http://localhost:7007'),
    ).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/jobs',
      undefined,
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/gpu-quota/me',
      undefined,
    );
  });

  it('puts the Training jobs card on team pages', async () => {
    const fetch = backend(routes);
    renderTestApp({
      features: [plugin],
      extensions: [createTestEntityPage({ entity: team })],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch.mock({ fetch }),
      ],
    });
    expect(
      await screen.findByRole('table', {
        name: 'Latest training jobs of nlp-team',
      }),
    ).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/jobs?team=nlp-team',
      undefined,
    );
  });
});
