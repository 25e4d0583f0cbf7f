import { z } from 'zod';
import { csvField } from './csvField';
import { parseInput } from './parseInput';

describe('parseInput', () => {
  const schema = z
    .object({ gpus: z.number().int().min(1, 'at least 1') })
    .strict();
  it('answers the parsed value', () => {
    expect(parseInput(schema, { gpus: 2 }, 'body')).toEqual({ gpus: 2 });
  });
  it('names every field and unknown key', () => {
    expect(() => parseInput(schema, { gpus: 0, gpu: 1 }, 'body')).toThrow(
      'Invalid body: gpus: at least 1; gpu: not a field of this body; remove it',
    );
    expect(() =>
      parseInput(schema, { gpus: 1, colums: 'x' }, 'query', 'parameter'),
    ).toThrow(
      'Invalid query: colums: not a parameter of this query; remove it',
    );
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1 EUR', "'-1 EUR"],
    [-1.5, '-1.5'],
  ])('writes %p as %p', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});
