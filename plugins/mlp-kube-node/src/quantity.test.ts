import { parseQuantity, podCompute } from './quantity';

describe('Kubernetes quantities', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['4Gi', 4 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1G', 1e9],
    ['129M', 129e6],
    ['1e9', 1e9],
    ['12E', 12e18],
    ['100k', 1e5],
    [3, 3],
  ])('reads %p as %p', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each(['', 'lots', '1GB', '2 Gi', '--1', undefined, {}])(
    'reads %p as not a quantity',
    text => {
      expect(parseQuantity(text)).toBeNaN();
    },
  );

  it('adds up containers, counts the largest init container, and takes limits when alone', () => {
    expect(
      podCompute({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'train' },
        spec: {
          containers: [
            { resources: { requests: { cpu: '1500m', memory: '4Gi' } } },
            { resources: { limits: { cpu: '1', memory: '2Gi' } } },
            { resources: { requests: { cpu: 'lots' } } },
          ],
          initContainers: [{ resources: { requests: { cpu: '8' } } }],
        },
      }),
    ).toEqual({ cpu: 8, memoryGiB: 6 });
    expect(
      podCompute({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } }),
    ).toEqual({
      cpu: 0,
      memoryGiB: 0,
    });
  });
});
