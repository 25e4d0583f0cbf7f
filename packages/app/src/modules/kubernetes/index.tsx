import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';

// Same id as the Kubernetes plugin's own tab (entity-content:kubernetes/kubernetes), so this
// module replaces it in place.
const kubernetesContent = EntityContentBlueprint.make({
  name: 'kubernetes',
  params: {
    path: '/kubernetes',
    title: 'Kubernetes',
    group: 'deployment',
    filter: {
      $any: [
        {
          [`metadata.annotations.${KUBERNETES_ANNOTATION}`]: { $exists: true },
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION}`]:
            { $exists: true },
        },
      ],
    },
    loader: () =>
      import('./KubernetesContentWithHint').then(m => (
        <m.KubernetesContentWithHint />
      )),
  },
});

export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [kubernetesContent],
});
