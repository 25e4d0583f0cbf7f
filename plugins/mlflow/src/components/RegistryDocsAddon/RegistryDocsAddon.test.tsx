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
import { mlflowApiRef, type MlflowApi } from '../../api';
import { mockMlflowApi, responseError } from '../../__testUtils__/fixtures';
import { RegistryDocsAddon } from './RegistryDocsAddon';

jest.setTimeout(20_000);

const PAGE = `<html><head></head><body><div data-md-component="content">
  <article class="md-content__inner md-typeset">
    <h1>Support ticket classifier: model card</h1>
    <h2>Overview</h2><p>Routes each incoming support ticket.</p>
  </article></div></body></html>`;

const entityWith = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-ticket-classifier', annotations },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
});
const annotated = entityWith({
  'mlflow.org/registered-model': 'support-ticket-classifier',
  'mlflow.org/server': 'local',
});

/** Stands in for the TechDocs reader: the built page in an open shadow root. */
function ReaderContent(props: { onShadowRoot: (root: ShadowRoot) => void }) {
  const { setShadowRoot } = useTechDocsReaderPage();
  const { onShadowRoot } = props;
  useEffect(() => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = PAGE;
    setShadowRoot(root);
    onShadowRoot(root);
    return () => host.remove();
  }, [setShadowRoot, onShadowRoot]);
  return null;
}

async function render(api: MlflowApi, entity: Entity = annotated) {
  const techdocsApi = {
    getEntityMetadata: jest.fn(async () => entity),
    getTechDocsMetadata: jest.fn(async () => ({
      site_name: 'Support ticket classifier',
      site_description: 'Model card',
    })),
  } as unknown as TechDocsApi;
  let shadowRoot: ShadowRoot | undefined;
  await renderInTestApp(
    <TechDocsReaderPageProvider
      entityRef={{
        kind: 'component',
        namespace: 'default',
        name: 'support-ticket-classifier',
      }}
    >
      <ReaderContent onShadowRoot={root => (shadowRoot = root)} />
      <RegistryDocsAddon />
    </TechDocsReaderPageProvider>,
    {
      apis: [
        [mlflowApiRef, api],
        [techdocsApiRef, techdocsApi],
      ],
    },
  );
  await waitFor(() => expect(shadowRoot).toBeDefined());
  return within(shadowRoot as unknown as HTMLElement);
}

describe('RegistryDocsAddon', () => {
  it("puts the registry's champion and challenger right below the card's title, inside the docs page", async () => {
    const api = mockMlflowApi();
    const page = await render(api);
    const block = await page.findByRole('region', {
      name: 'From the MLflow registry (live)',
    });
    const champion = await within(block).findByRole('table', {
      name: 'Champion',
    });
    expect(
      within(champion).getByRole('link', { name: /^Version 3/ }),
    ).toBeInTheDocument();
    expect(within(champion).getByTestId('key-metric')).toHaveTextContent(
      'val_accuracy (key metric)0.9123',
    );
    expect(
      within(block).getByRole('table', { name: 'Challenger' }),
    ).toBeInTheDocument();
    const title = page.getByRole('heading', {
      name: 'Support ticket classifier: model card',
    });
    expect(title.nextElementSibling).toContainElement(block);
    expect(api.overview).toHaveBeenCalledWith(
      'local',
      'support-ticket-classifier',
    );
  });

  it("shows the backend's reason inside the block when MLflow fails", async () => {
    const page = await render(
      mockMlflowApi({
        overview: jest.fn(async () => {
          throw await responseError(
            503,
            "Could not read registered model support-ticket-classifier: MLflow server 'local' did not answer",
          );
        }),
      }),
    );
    const block = await page.findByTestId('mlflow-registry-block');
    expect(
      await within(block).findByText(/MLflow server 'local' did not answer/),
    ).toBeInTheDocument();
  });

  it('adds nothing to the docs of an entity without a registered model', async () => {
    const api = mockMlflowApi();
    const page = await render(
      api,
      entityWith({ 'mlflow.org/experiment-name': 'nlp-team/x' }),
    );
    // Let the entity's metadata load before looking.
    await new Promise(r => setTimeout(r, 200));
    expect(page.queryByTestId('mlflow-registry-block')).not.toBeInTheDocument();
    expect(page.getByRole('article').children).toHaveLength(3);
    expect(api.overview).not.toHaveBeenCalled();
  });
});
