import { entityNameFor } from './entityName';

describe('entity names for MLflow models', () => {
  it('keeps names that are valid already', () => {
    expect(entityNameFor('support-ticket-classifier')).toBe(
      'support-ticket-classifier',
    );
    expect(entityNameFor('churn_v2.final')).toBe('churn_v2.final');
  });

  it('sanitises the rest deterministically, with a hash that keeps look-alikes apart', () => {
    const a = entityNameFor('Churn Model');
    const b = entityNameFor('churn/model');
    expect(a).toMatch(/^churn-model-[0-9a-f]{8}$/);
    expect(b).toMatch(/^churn-model-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(entityNameFor('Churn Model')).toBe(a);
    expect(entityNameFor('prod.catalog.schema.Fraud Detector (v2)')).toMatch(
      /^prod-catalog-schema-fraud-detector-v2-[0-9a-f]{8}$/,
    );
    expect(entityNameFor('日本語モデル')).toMatch(/^model-[0-9a-f]{8}$/);
  });

  it('stays within 63 characters', () => {
    const name = entityNameFor(`${'very-long-model-name-'.repeat(10)}x`);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/);
  });
});
