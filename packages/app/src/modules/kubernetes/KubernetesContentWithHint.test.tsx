import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import {
  GUIDE_PATH,
  KubernetesContentWithHint,
} from './KubernetesContentWithHint';

// The real tab needs an entity and a cluster; whether it is chosen is what matters here.
jest.mock('@backstage/plugin-kubernetes', () => ({
  Router: () => <div>kubernetes objects of the entity</div>,
}));

function renderWith(getClusters: () => Promise<unknown>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubernetesApiRef, { getClusters } as any]]}>
      <KubernetesContentWithHint />
    </TestApiProvider>,
  );
}

describe('KubernetesContentWithHint', () => {
  it('explains that no cluster is connected and links to the guide', async () => {
    await renderWith(async () => []);
    expect(
      await screen.findByText(
        'No Kubernetes cluster is connected to this portal yet',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /how to connect a cluster/i }),
    ).toHaveAttribute('href', GUIDE_PATH);
    expect(
      screen.queryByText('kubernetes objects of the entity'),
    ).not.toBeInTheDocument();
  });

  it('shows the Kubernetes objects when a cluster is connected', async () => {
    await renderWith(async () => [
      { name: 'gpu-a100', authProvider: 'serviceAccount' },
    ]);
    expect(
      await screen.findByText('kubernetes objects of the entity'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/no kubernetes cluster/i),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the cluster list cannot be read', async () => {
    await renderWith(async () => {
      throw new Error('kubernetes backend unreachable');
    });
    expect(
      await screen.findByText('Error: kubernetes backend unreachable', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/no kubernetes cluster/i),
    ).not.toBeInTheDocument();
  });
});
