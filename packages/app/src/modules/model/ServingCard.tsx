import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { entityPagePath } from '@internal/plugin-mlp-react';
import { KUBERNETES_ANNOTATION } from '@backstage/plugin-kubernetes-common';

/** Which namespace the Kubernetes tab looks in (the Kubernetes plugin reads it too). */
const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** The model's inference endpoint, as its catalog entry names it. */
export const INFERENCE_ENDPOINT_ANNOTATION =
  'mlplatform.dev/inference-endpoint';

/** Where the model answers requests, and where its pods run. */
export function ServingCard() {
  const { entity } = useEntity();
  const a = entity.metadata.annotations ?? {};
  const endpoint = a[INFERENCE_ENDPOINT_ANNOTATION];
  const namespace = a[KUBERNETES_NAMESPACE_ANNOTATION];
  const kubernetesId = a[KUBERNETES_ANNOTATION];
  const lifecycle =
    typeof entity.spec?.lifecycle === 'string'
      ? entity.spec.lifecycle
      : 'no lifecycle';
  return (
    <InfoCard title="Where it is served">
      {endpoint ? (
        <>
          <Typography variant="caption" color="textSecondary" component="p">
            Inference endpoint ({lifecycle})
          </Typography>
          <Typography
            variant="body2"
            component="p"
            style={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}
          >
            {endpoint}
          </Typography>
        </>
      ) : (
        <Typography variant="body2">
          No inference endpoint is recorded for this model. Its owners add it as
          the <code>{INFERENCE_ENDPOINT_ANNOTATION}</code> annotation of its
          catalog-info.yaml.
        </Typography>
      )}
      {kubernetesId && (
        <Typography variant="body2" component="p" style={{ marginTop: 8 }}>
          Pods labelled <code>{kubernetesId}</code>
          {namespace ? ` in namespace ${namespace}` : ''}:{' '}
          <Link
            to={entityPagePath(
              {
                kind: entity.kind,
                namespace: entity.metadata.namespace,
                name: entity.metadata.name,
              },
              'kubernetes',
            )}
          >
            Kubernetes tab
          </Link>
        </Typography>
      )}
    </InfoCard>
  );
}
