/**
 * GPU quota backend: each team's GPU quota and usage from the Kubernetes API, and quota increase
 * requests with approval, expiry and an audit trail, under /api/gpu-quota.
 *
 * @packageDocumentation
 */
export { gpuQuotaPlugin as default } from './plugin';
