import { shownMetrics } from './metrics';

describe('shownMetrics', () => {
  const metrics = { val_loss: 0.2, epoch_time: 12, val_accuracy: 0.9, a: 1 };

  it('puts the key metric first, then three more by name', () => {
    expect(shownMetrics(metrics, 'val_accuracy')).toEqual([
      { name: 'val_accuracy', value: 0.9, key: true },
      { name: 'a', value: 1, key: false },
      { name: 'epoch_time', value: 12, key: false },
      { name: 'val_loss', value: 0.2, key: false },
    ]);
  });

  it('keeps the key metric without a value when the run did not log it', () => {
    expect(shownMetrics({ val_loss: 0.2 }, 'val_auc')).toEqual([
      { name: 'val_auc', value: undefined, key: true },
      { name: 'val_loss', value: 0.2, key: false },
    ]);
  });

  it('shows three metrics by name when the model has no key metric', () => {
    expect(shownMetrics(metrics).map(m => m.name)).toEqual([
      'a',
      'epoch_time',
      'val_accuracy',
    ]);
  });
});
