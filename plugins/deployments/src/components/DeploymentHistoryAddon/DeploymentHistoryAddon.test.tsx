import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  techdocsApiRef,
  TechDocsReaderPageProvider,
  useTechDocsReaderPage,
  type TechDocsApi,
} from '@backstage/plugin-techdocs-react';
import { waitFor, within } from '@testing-library/react';
import { useEffect } from 'react';
import { deploymentsApiRef, type DeploymentsApi } from '../../api';
import {
  events,
  MODEL,
  mockDeploymentsApi,
} from '../../__testUtils__/fixtures';
import { DeploymentHistoryAddon } from './DeploymentHistoryAddon';

jest.setTimeout(20_000);

const page = (
  withHistory: boolean,
) => `<html><body><div data-md-component="content">
  <article class="md-content__inner md-typeset">
    <h1>Support ticket classifier: model card</h1>
    <h2 id="overview">Overview</h2><p>Routes tickets.</p>
    ${
      withHistory
        ? '<h2 id="deployment-history">Deployment history</h2><p>Older releases.</p>'
        : ''
    }
  </article></div></body></html>`;

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: MODEL,
    annotations: { 'mlflow.org/registered-model': MODEL },
  },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
};

function Reader(props: { html: string; onRoot: (root: ShadowRoot) => void }) {
  const { setShadowRoot } = useTechDocsReaderPage();
  const { html, onRoot } = props;
  useEffect(() => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = html;
    setShadowRoot(root);
    onRoot(root);
    return () => host.remove();
  }, [setShadowRoot, onRoot, html]);
  return null;
}

async function render(api: DeploymentsApi, html: string) {
  const techdocsApi = {
    getEntityMetadata: jest.fn(async () => model),
    getTechDocsMetadata: jest.fn(async () => ({
      site_name: 'Model card',
      site_description: '',
    })),
  } as unknown as TechDocsApi;
  let root: ShadowRoot | undefined;
  await renderInTestApp(
    <TechDocsReaderPageProvider
      entityRef={{ kind: 'component', namespace: 'default', name: MODEL }}
    >
      <Reader html={html} onRoot={r => (root = r)} />
      <DeploymentHistoryAddon />
    </TechDocsReaderPageProvider>,
    {
      apis: [
        [deploymentsApiRef, api],
        [techdocsApiRef, techdocsApi],
      ],
    },
  );
  await waitFor(() => expect(root).toBeDefined());
  return root!;
}

describe('DeploymentHistoryAddon', () => {
  it("puts the audit trail right below the card's Deployment history heading, one row per event", async () => {
    const api = mockDeploymentsApi();
    const root = await render(api, page(true));
    const block = await waitFor(() => {
      const found = root.querySelector<HTMLElement>(
        '[data-testid="deployment-history-block"]',
      );
      expect(found).not.toBeNull();
      return found!;
    });
    expect(block.parentElement?.previousElementSibling?.id).toBe(
      'deployment-history',
    );
    expect(api.getAudit).toHaveBeenCalledWith(MODEL);
    const table = await within(block).findByRole('table', {
      name: `Deployment history of ${MODEL}`,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(events.length);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'Replaced: Staging, v1replaced by version 2',
      'Deployed: Staging, v2version 2 to staging',
      'Deployed: Staging, v1version 1 to staging',
      'Requested: Staging, v1',
    ]);
  });

  it('adds nothing to docs without that heading', async () => {
    const api = mockDeploymentsApi();
    const root = await render(api, page(false));
    await new Promise(r => setTimeout(r, 300));
    expect(
      root.querySelector('[data-testid="deployment-history-block"]'),
    ).toBeNull();
    expect(api.getAudit).not.toHaveBeenCalled();
  });
});
