import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import plugin from './index';
import {
  connected,
  mlProject,
  okWorkspaces,
  REPO,
  userEntity,
} from './__testUtils__/fixtures';

jest.setTimeout(20_000);

/** Answers like the coder backend, keyed by path under its base URL. */
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

function renderEntityPage(entity: Entity) {
  const fetch = backend({
    '/api/coder/connection': connected,
    '/api/coder/workspaces': okWorkspaces(),
  });
  renderTestApp({
    features: [plugin],
    extensions: [createTestEntityPage({ entity })],
    apis: [
      mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      mockApis.fetch.mock({ fetch }),
    ],
  });
  return fetch;
}

describe('coderPlugin', () => {
  it('is the package default export, with id coder', () => {
    expect(plugin.id).toBe('coder');
  });

  it('puts the card on ML projects, served by the real client', async () => {
    const fetch = renderEntityPage(mlProject());
    const row = await screen.findByTestId('workspace-bert-gpu-1');
    expect(within(row).getByText('running')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/coder/connection',
      undefined,
    );
    expect(fetch).toHaveBeenCalledWith(
      `http://localhost:7007/api/coder/workspaces?${new URLSearchParams({
        repoUrl: REPO,
        template: 'gpu-pytorch',
      })}`,
      undefined,
    );
  });

  it('puts the card on user pages', async () => {
    const fetch = renderEntityPage(userEntity);
    expect(await screen.findByText('Coder workspaces')).toBeInTheDocument();
    expect(
      await screen.findByTestId('workspace-bert-gpu-1'),
    ).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/coder/workspaces',
      undefined,
    );
  });

  it('leaves other components alone', async () => {
    const fetch = renderEntityPage({
      ...mlProject(),
      spec: { type: 'service', lifecycle: 'production', owner: 'nlp-team' },
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('Coder workspaces')).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});
