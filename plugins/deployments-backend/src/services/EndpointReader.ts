import type {
  Endpoint,
  Environment,
} from '@internal/plugin-deployments-common';
import {
  clusterError,
  type KubeHttp,
  type KubeList,
  type Pod,
} from '@internal/plugin-mlp-kube-node';
import {
  endpointView,
  inferenceServiceName,
  isvcPath,
  KSERVE_ISVC_LABEL,
  type DeploymentObject,
  type InferenceServiceObject,
} from './inferenceService';

/**
 * What the cluster serves for a model in an environment: its InferenceService, the predictor
 * Deployment KServe made for it, and that Deployment's pods, read together.
 */
export class EndpointReader {
  constructor(private readonly kube: KubeHttp) {}

  async endpoint(
    team: string,
    model: string,
    environment: Environment,
  ): Promise<Endpoint> {
    const kube = this.kube;
    const name = inferenceServiceName(model, environment);
    try {
      const [isvc, deployment, pods] = await Promise.all([
        kube.request<InferenceServiceObject>({
          method: 'GET',
          path: isvcPath(team, name),
          what: `read InferenceService ${team}/${name}`,
          absent: [404],
        }),
        kube.request<DeploymentObject>({
          method: 'GET',
          path: `/apis/apps/v1/namespaces/${encodeURIComponent(
            team,
          )}/deployments/${encodeURIComponent(`${name}-predictor`)}`,
          what: `read Deployment ${team}/${name}-predictor`,
          absent: [404],
        }),
        kube.request<KubeList<Pod>>({
          method: 'GET',
          path: `/api/v1/namespaces/${encodeURIComponent(
            team,
          )}/pods?labelSelector=${encodeURIComponent(
            `${KSERVE_ISVC_LABEL}=${name}`,
          )}`,
          what: `list the pods of ${team}/${name}`,
          absent: [404],
        }),
      ]);
      return endpointView({
        environment,
        namespace: team,
        name,
        isvc,
        deployment,
        pods: pods?.items ?? [],
      });
    } catch (error) {
      throw clusterError(
        error,
        `Reading the ${environment} endpoint of ${model}`,
      );
    }
  }
}
