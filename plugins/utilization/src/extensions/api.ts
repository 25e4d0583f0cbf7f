import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { UtilizationClient, utilizationApiRef } from '../api';

export const utilizationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: utilizationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new UtilizationClient({ discoveryApi, fetchApi }),
    }),
});
