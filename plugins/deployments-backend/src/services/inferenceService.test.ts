import type { Deployment } from '@internal/plugin-deployments-common';
import {
  endpointView,
  rolloutPending,
  inferenceServiceManifest,
  inferenceServiceName,
} from './inferenceService';
import { hoursLeftInMonth } from './DeploymentService';

const settings = {
  gpuResource: 'nvidia.com/gpu',
  cpu: '1',
  memory: '2Gi',
  modelFormat: 'mlflow',
};
const deployment: Deployment = {
  id: '00000000-0000-4000-8000-000000000001',
  model: 'Churn_Predictor',
  environment: 'production',
  team: 'tabular-team',
  version: '3',
  replicas: 2,
  gpus: 0,
  status: 'live',
  requestedBy: 'user:default/raj.patel',
  requestedAt: '2026-12-07T10:00:00Z',
  namespace: 'tabular-team',
  inferenceService: 'churn-predictor-production',
  modelUri: 's3://ml/3',
};

describe('inferenceServiceName', () => {
  it('is model-environment when that is a short DNS label', () => {
    expect(inferenceServiceName('churn-predictor', 'staging')).toBe(
      'churn-predictor-staging',
    );
  });
  it('cleans and shortens other names, keeping them apart with a hash', () => {
    const a = inferenceServiceName('Churn_Predictor', 'staging');
    const b = inferenceServiceName('churn.predictor', 'staging');
    expect(a).toMatch(/^churn-predictor-staging-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    const long = inferenceServiceName(`${'x'.repeat(80)}`, 'production');
    expect(long.length).toBeLessThanOrEqual(45);
    expect(inferenceServiceName('9lives', 'staging')).toMatch(
      /^lives-staging-[0-9a-f]{6}$/,
    );
  });
});

describe('inferenceServiceManifest', () => {
  it('asks for no GPU at all when the replicas have none, and labels the pods for the ledger', () => {
    const m = inferenceServiceManifest(deployment, settings) as any;
    expect(m.spec.predictor.model.resources).toEqual({
      requests: { cpu: '1', memory: '2Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    });
    expect(m.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'mlp-portal',
      'mlplatform.dev/team': 'tabular-team',
      'mlplatform.dev/model': 'Churn_Predictor',
      'mlplatform.dev/user': 'raj.patel',
      'mlplatform.dev/environment': 'production',
      'mlplatform.dev/deployment': deployment.id,
    });
  });
});

describe('endpointView', () => {
  it('says why an endpoint is not ready, from its conditions', () => {
    const view = endpointView({
      environment: 'staging',
      namespace: 'tabular-team',
      name: 'x',
      isvc: {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: {
          name: 'x',
          annotations: { 'mlplatform.dev/model-version': '3' },
        },
        spec: { predictor: { minReplicas: 2 } },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'PredictorNotReady',
              message: 'no pods ready',
            },
          ],
        },
      },
      pods: [],
    });
    expect(view).toMatchObject({
      exists: true,
      ready: false,
      replicas: 2,
      readyReplicas: 0,
      versionServed: '3',
      message: 'no pods ready',
    });
  });
});

describe('hoursLeftInMonth', () => {
  it('counts whole hours to the first of next month (UTC), at least one', () => {
    expect(hoursLeftInMonth(new Date('2026-12-31T22:30:00Z'))).toBe(2);
    expect(hoursLeftInMonth(new Date('2026-12-01T00:00:00Z'))).toBe(744);
    expect(hoursLeftInMonth(new Date('2026-02-28T23:59:59Z'))).toBe(1);
  });
});

describe('rolloutPending', () => {
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'x', labels: { 'mlplatform.dev/deployment': 'new' } },
  };
  const predictor = (
    label: string,
    status: Record<string, number>,
    generation = 2,
  ) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x-predictor', generation },
    spec: {
      template: {
        metadata: { labels: { 'mlplatform.dev/deployment': label } },
      },
    },
    status: { observedGeneration: 2, ...status },
  });
  const done = { replicas: 2, updatedReplicas: 2, readyReplicas: 2 };

  it('waits until KServe carries the new deploy over to the Deployment', () => {
    expect(rolloutPending(isvc, undefined, 2)).toBe(
      'waiting for KServe to make the predictor',
    );
    expect(rolloutPending(isvc, predictor('old', done), 2)).toBe(
      'waiting for KServe to update the predictor',
    );
    expect(rolloutPending(isvc, predictor('new', done, 3), 2)).toBe(
      'the predictor is being updated',
    );
  });

  it('waits while old pods are replaced, and is done when every replica is new and ready', () => {
    expect(
      rolloutPending(
        isvc,
        predictor('new', {
          replicas: 3,
          updatedReplicas: 1,
          readyReplicas: 2,
        }),
        2,
      ),
    ).toBe('rolling out: 1 of 2 replicas updated, 2 ready');
    expect(
      rolloutPending(
        isvc,
        predictor('new', {
          replicas: 3,
          updatedReplicas: 2,
          readyReplicas: 2,
        }),
        2,
      ),
    ).toMatch(/^rolling out/);
    expect(rolloutPending(isvc, predictor('new', done), 2)).toBeUndefined();
  });
});
