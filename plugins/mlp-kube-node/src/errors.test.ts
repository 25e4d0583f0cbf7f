import { ServiceUnavailableError } from '@backstage/errors';
import { BadGatewayError } from '@internal/plugin-mlp-node';
import {
  ClusterStartingError,
  clusterError,
  KubeApiError,
  KubeUnreachableError,
} from './errors';

describe('clusterError', () => {
  it('answers an API server that does not answer with 503, saying what was being done', () => {
    const e = clusterError(
      new KubeUnreachableError('connect ECONNREFUSED 127.0.0.1:16443'),
      'Listing jobs',
    );
    expect(e).toBeInstanceOf(ServiceUnavailableError);
    expect(e.message).toBe(
      'Listing jobs: connect ECONNREFUSED 127.0.0.1:16443',
    );
  });

  it('answers a refusal of the API server with 502 and its message', () => {
    const e = clusterError(new KubeApiError(422, 'Invalid', 'spec: bad'));
    expect(e).toBeInstanceOf(BadGatewayError);
    expect(e.message).toBe('spec: bad');
  });

  it('keeps the local cluster still being built as it is, and anything else', () => {
    const starting = new ClusterStartingError('building kube (step 2 of 5)');
    expect(clusterError(starting, 'Listing jobs')).toBe(starting);
    const other = new TypeError('x is undefined');
    expect(clusterError(other)).toBe(other);
    expect(clusterError('a string').message).toBe('a string');
  });
});
