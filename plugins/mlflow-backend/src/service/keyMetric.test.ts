import type { RunSummary } from '@internal/plugin-mlflow-common';
import { chooseKeyMetric } from './keyMetric';

const run = (metrics: Record<string, number>) => ({ metrics } as RunSummary);

describe('chooseKeyMetric', () => {
  it("takes the model's mlp.key_metric tag first, even when the runs lack it", () => {
    expect(
      chooseKeyMetric({ 'mlp.key_metric': 'val_auc' }, [
        run({ val_accuracy: 0.9 }),
      ]),
    ).toBe('val_auc');
  });

  it('then val_accuracy when any of the runs logged it', () => {
    expect(
      chooseKeyMetric({ 'mlp.key_metric': ' ' }, [
        run({ a_loss: 1 }),
        undefined,
        run({ val_accuracy: 0.9, b: 2 }),
      ]),
    ).toBe('val_accuracy');
  });

  it('then the first metric of the runs by name, and none when they logged none', () => {
    expect(chooseKeyMetric({}, [run({ val_loss: 1 }), run({ f1: 0.8 })])).toBe(
      'f1',
    );
    expect(chooseKeyMetric({}, [run({}), undefined])).toBeUndefined();
    expect(chooseKeyMetric({}, [])).toBeUndefined();
  });
});
