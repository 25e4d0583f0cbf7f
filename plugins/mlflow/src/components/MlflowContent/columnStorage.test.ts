import {
  columnStorageKey,
  readColumnChoice,
  writeColumnChoice,
} from './columnStorage';

describe('columnStorage', () => {
  afterEach(() => window.localStorage.clear());

  it('keys the choice by experiment and server', () => {
    expect(columnStorageKey('nlp-team/a')).toContain('nlp-team/a');
    expect(columnStorageKey('nlp-team/a')).not.toEqual(
      columnStorageKey('nlp-team/b'),
    );
    expect(columnStorageKey('nlp-team/a', 'local')).not.toEqual(
      columnStorageKey('nlp-team/a', 'remote'),
    );
  });

  it('reads back what it wrote, and forgets it', () => {
    const key = columnStorageKey('nlp-team/a');
    writeColumnChoice(key, { metrics: ['val_loss'], params: [] });
    expect(readColumnChoice(key)).toEqual({
      metrics: ['val_loss'],
      params: [],
    });
    writeColumnChoice(key, undefined);
    expect(window.localStorage.getItem(key)).toBeNull();
    expect(readColumnChoice(key)).toBeUndefined();
  });

  it('treats what is not a choice as no choice', () => {
    const key = columnStorageKey('nlp-team/a');
    for (const raw of [
      'not json',
      'null',
      '[]',
      '{"metrics":["a"]}',
      '{"metrics":[1],"params":[]}',
    ]) {
      window.localStorage.setItem(key, raw);
      expect(readColumnChoice(key)).toBeUndefined();
    }
  });
});
