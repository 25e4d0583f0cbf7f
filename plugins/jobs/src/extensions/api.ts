import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { JobsClient, jobsApiRef } from '../api';

export const jobsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: jobsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JobsClient({ discoveryApi, fetchApi }),
    }),
});
