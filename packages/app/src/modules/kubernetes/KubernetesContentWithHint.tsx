import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
// `Router` is the plugin's content without the legacy routable-extension wrapper that
// EntityKubernetesContent has (that wrapper crashes outside the old app's element tree).
import { Router as KubernetesEntityContent } from '@backstage/plugin-kubernetes';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import useAsync from 'react-use/esm/useAsync';

export const GUIDE_PATH =
  '/docs/default/component/ml-portal/operating/#connect-a-kubernetes-cluster';

/**
 * The Kubernetes tab, except that a portal with no cluster connected says so plainly, with the
 * way to fix it, instead of "no resources on any known clusters".
 */
export function KubernetesContentWithHint() {
  const kubernetesApi = useApi(kubernetesApiRef);
  const {
    value: clusters,
    loading,
    error,
  } = useAsync(() => kubernetesApi.getClusters(), [kubernetesApi]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!clusters || clusters.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No Kubernetes cluster is connected to this portal yet"
        description="This is where the model's pods, jobs and GPU usage will appear once a platform keeper connects the GPU cluster. Nothing is wrong with this model."
        action={
          <Link to={GUIDE_PATH}>
            How to connect a cluster (Operating the platform)
          </Link>
        }
      />
    );
  }
  return <KubernetesEntityContent />;
}
