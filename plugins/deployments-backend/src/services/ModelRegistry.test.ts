import { InputError, NotFoundError } from '@backstage/errors';
import type { MlflowClient } from '@internal/plugin-mlflow-node';
import { ModelRegistry } from './ModelRegistry';

// MLflow's own server marks every version READY as it is created, so the live tests cannot make
// a version that is still PENDING_REGISTRATION (or FAILED_REGISTRATION, as an asynchronous
// registration can leave one): this stand-in answers as MLflow's REST API documents it does.
function registry(status: string) {
  const client = {
    getRegisteredModel: jest.fn(async (name: string) => {
      if (name !== 'churn-predictor')
        throw new NotFoundError('RESOURCE_DOES_NOT_EXIST');
      return {
        name,
        tags: [{ key: 'team', value: 'tabular-team' }],
        aliases: [{ alias: 'champion', version: '4' }],
        latest_versions: [{ name, version: '4' }],
      };
    }),
    getModelVersion: jest.fn(async (name: string, version: string) => {
      if (version !== '4') throw new NotFoundError('RESOURCE_DOES_NOT_EXIST');
      return { name, version, status, source: 'models:/m-1', run_id: 'r1' };
    }),
    getModelVersionDownloadUri: jest.fn(
      async () => 's3://ml/5/models/m-1/artifacts',
    ),
  };
  return {
    client,
    registry: new ModelRegistry(client as unknown as MlflowClient),
  };
}

describe('ModelRegistry.resolve', () => {
  it('gives the version an alias names, its files in the artifact store, its run and team', async () => {
    const { registry: r } = registry('READY');
    await expect(
      r.resolve({ model: 'churn-predictor', alias: 'champion' }),
    ).resolves.toEqual({
      model: 'churn-predictor',
      version: '4',
      alias: 'champion',
      modelUri: 's3://ml/5/models/m-1/artifacts',
      runId: 'r1',
      team: 'tabular-team',
    });
  });

  it.each(['PENDING_REGISTRATION', 'FAILED_REGISTRATION'])(
    'refuses a version that is %s, naming the field the request used',
    async status => {
      const { registry: r, client } = registry(status);
      await expect(
        r.resolve({ model: 'churn-predictor', version: '4' }),
      ).rejects.toThrow(
        new InputError(
          `version: version 4 of churn-predictor is ${status}, not READY: its files are not registered yet (or failed to be); deploy a READY version`,
        ),
      );
      await expect(
        r.resolve({ model: 'churn-predictor', alias: 'champion' }),
      ).rejects.toThrow(/^alias: version 4/);
      expect(client.getModelVersionDownloadUri).not.toHaveBeenCalled();
    },
  );
});
