// The cluster's failures as the portal answers them: the one mapping, in mlp-kube-node.
export { clusterError } from '@internal/plugin-mlp-kube-node';
