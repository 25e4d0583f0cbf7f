import { ResponseError } from '@backstage/errors';
import {
  backendErrorResponse,
  cannedBackend,
  jsonResponse,
} from '@internal/plugin-mlp-react/testUtils';
import { overview } from '../__testUtils__/fixtures';
import { MlflowBackendClient } from './MlflowBackendClient';

const BASE_URL = 'http://localhost:7007/api/mlflow';

function setup(...responses: Response[]) {
  const backend = cannedBackend('mlflow', responses);
  return { client: new MlflowBackendClient(backend), ...backend };
}

describe('MlflowBackendClient', () => {
  it("reads a model's overview, on the named server or the default one", async () => {
    const { client, call } = setup(
      jsonResponse(overview()),
      jsonResponse(overview()),
    );
    await expect(
      client.overview('prod', 'support-ticket-classifier'),
    ).resolves.toEqual(overview());
    await client.overview(undefined, 'team/model a');
    expect(call(0).url).toBe(
      `${BASE_URL}/models/support-ticket-classifier/overview?server=prod`,
    );
    expect(call(1).url).toBe(`${BASE_URL}/models/team%2Fmodel%20a/overview`);
  });

  it("keeps the backend's reason when the model is unknown", async () => {
    const { client } = setup(
      backendErrorResponse(404, 'NotFoundError', 'No registered model named x'),
    );
    const error = await client.overview(undefined, 'x').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('No registered model named x');
  });
});
