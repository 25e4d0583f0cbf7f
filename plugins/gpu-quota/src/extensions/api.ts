import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { GpuQuotaClient, gpuQuotaApiRef } from '../api';

export const gpuQuotaApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: gpuQuotaApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GpuQuotaClient({ discoveryApi, fetchApi }),
    }),
});
