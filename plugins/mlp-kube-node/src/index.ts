/**
 * The portal's access to the Kubernetes API server, shared by its backend plugins and modules.
 *
 * @packageDocumentation
 */
export { KubeHttp, type KubeRequest, type WatchEvent } from './KubeHttp';
export { readKubeCluster, type KubeCluster } from './clusterConfig';
export {
  ClusterStartingError,
  KubeApiError,
  KubeUnreachableError,
  NotConfiguredError,
  clusterError,
} from './errors';
export {
  readLocalClusterProgress,
  localClusterWait,
  type LocalClusterProgress,
} from './localClusterProgress';
export type { KubeList, KubeObject } from './types';
export { gpuCount, isGpuResource, podGpus, type Pod } from './gpus';
export { parseQuantity, podCompute } from './quantity';
export * from './labels';
