import { gpuMisfit } from './gpuFit';

const figures = (hard: number, used: number, maxPerJob?: number) => ({
  resource: 'nvidia.com/gpu',
  hard,
  used,
  available: Math.max(0, hard - used),
  ...(maxPerJob === undefined ? {} : { maxPerJob }),
});

describe('the fit check', () => {
  it('lets in what fits the free GPUs and the per-job maximum', () => {
    expect(gpuMisfit(figures(8, 4, 4), 4)).toBeUndefined();
    expect(gpuMisfit(figures(8, 0), 8)).toBeUndefined();
  });

  it('asks nothing of a quota for 0 GPUs', () => {
    expect(gpuMisfit(undefined, 0)).toBeUndefined();
  });

  it('refuses GPUs a quota does not have, first', () => {
    expect(gpuMisfit(undefined, 1)).toEqual({ reason: 'not-in-quota' });
    expect(gpuMisfit(figures(0, 0, 0), 1)).toEqual({
      reason: 'not-in-quota',
      figures: figures(0, 0, 0),
    });
  });

  it('refuses more than the per-job maximum before it counts free GPUs', () => {
    expect(gpuMisfit(figures(8, 7, 2), 3)).toEqual({
      reason: 'per-job-maximum',
      max: 2,
      figures: figures(8, 7, 2),
    });
  });

  it('refuses more than the free GPUs, with the figures', () => {
    expect(gpuMisfit(figures(8, 6), 3)).toEqual({
      reason: 'no-free-gpus',
      figures: figures(8, 6),
    });
  });
});

describe('the fit check for work of several pods', () => {
  it('holds the per-job maximum against one pod, the free GPUs against all of them', () => {
    // 3 replicas of 2 GPUs: each pod within the maximum of 2, 6 GPUs within the 6 free
    expect(gpuMisfit(figures(8, 2, 2), 6, 2)).toBeUndefined();
    expect(gpuMisfit(figures(8, 2, 2), 6, 3)).toEqual({
      reason: 'per-job-maximum',
      max: 2,
      figures: figures(8, 2, 2),
    });
    expect(gpuMisfit(figures(8, 3, 2), 6, 2)).toEqual({
      reason: 'no-free-gpus',
      figures: figures(8, 3, 2),
    });
  });

  it('checks the pod size even when no more GPUs are needed in all (a same-size update)', () => {
    expect(gpuMisfit(figures(8, 8, 2), 0, 2)).toBeUndefined();
    expect(gpuMisfit(figures(8, 8, 2), 0, 4)).toMatchObject({
      reason: 'per-job-maximum',
    });
  });
});
