import { run } from '../../__testUtils__/fixtures';
import { defaultChoice, keysOf, shownKeys } from './columns';

describe('columns', () => {
  it('lists the keys any run has, once each, by name', () => {
    const runs = [
      run(0, { metrics: { val_loss: 1, loss: 2 }, params: { lr: '1' } }),
      run(1, { metrics: { accuracy: 1, loss: 3 }, params: {} }),
    ];
    expect(keysOf(runs, 'metrics')).toEqual(['accuracy', 'loss', 'val_loss']);
    expect(keysOf(runs, 'params')).toEqual(['lr']);
  });

  it('defaults to three metrics, validation ones first, and the first two params', () => {
    expect(
      defaultChoice(
        ['loss', 'accuracy', 'val_loss', 'epoch_time', 'val_accuracy'],
        ['optimizer', 'lr', 'batch_size'],
      ),
    ).toEqual({
      metrics: ['val_accuracy', 'val_loss', 'accuracy'],
      params: ['batch_size', 'lr'],
    });
    expect(defaultChoice(['b', 'a', 'c', 'd'], [])).toEqual({
      metrics: ['a', 'b', 'c'],
      params: [],
    });
  });

  it('shows the chosen keys that are present, in the order of the available ones', () => {
    expect(shownKeys(['a', 'b', 'c'], ['c', 'gone', 'a'])).toEqual(['a', 'c']);
  });
});
