import { useApi } from '@backstage/frontend-plugin-api';
import { gpuQuotaApiRef } from '@internal/plugin-gpu-quota';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** Who is signed in, to the portal's plugins: their teams and whether they are a keeper. */
export function useMe() {
  const api = useApi(gpuQuotaApiRef);
  return useAsyncRetry(() => api.getMe(), [api]);
}
