import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { CoderBackendClient, coderApiRef } from '../api';

export const coderApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: coderApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CoderBackendClient({ discoveryApi, fetchApi }),
    }),
});
