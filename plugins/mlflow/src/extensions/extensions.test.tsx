import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import plugin from '../index';
import { overview } from '../__testUtils__/fixtures';

jest.setTimeout(20_000);

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'support-ticket-classifier',
    annotations: { 'mlflow.org/registered-model': 'support-ticket-classifier' },
  },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
};

function renderEntityPage(entity: Entity) {
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const found =
      new URL(String(input)).pathname ===
      '/api/mlflow/models/support-ticket-classifier/overview';
    return new Response(
      JSON.stringify(
        found
          ? overview()
          : { error: { name: 'NotFoundError', message: 'no such route' } },
      ),
      {
        status: found ? 200 : 404,
        headers: { 'Content-Type': 'application/json' },
      },
    );
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

describe('mlflow extensions', () => {
  it('has the model-registry card and the TechDocs addon under the ids the app config uses', () => {
    expect(plugin.getExtension('entity-card:mlflow/champion')).toBeDefined();
    expect(plugin.getExtension('addon:mlflow/registry')).toBeDefined();
  });

  it("puts the model-registry card on a model's page, served by the real client", async () => {
    const fetch = renderEntityPage(model);
    const champion = await screen.findByRole('table', { name: 'Champion' });
    expect(
      within(champion).getByRole('link', { name: /^Version 3/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Model in the registry')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/mlflow/models/support-ticket-classifier/overview',
      undefined,
    );
  });
});
