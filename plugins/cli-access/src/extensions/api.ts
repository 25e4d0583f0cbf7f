import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { CliAccessClient, cliAccessApiRef } from '../api';

export const cliAccessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cliAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CliAccessClient({ discoveryApi, fetchApi }),
    }),
});
