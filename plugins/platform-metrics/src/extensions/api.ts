import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { PlatformMetricsClient, platformMetricsApiRef } from '../api';

export const platformMetricsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformMetricsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformMetricsClient({ discoveryApi, fetchApi }),
    }),
});
