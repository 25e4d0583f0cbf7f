import { ResponseError } from '@backstage/errors';
import { z } from 'zod';
import { csvField } from './csvField';
import { parseInput } from './parseInput';
import { refusalOf } from './refusalOf';
import { teamsIn } from './teamsIn';

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

describe('refusalOf', () => {
  async function answer(status: number, message: string) {
    return ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message },
          request: { method: 'POST', url: '/x' },
          response: { statusCode: status },
        }),
        { status, headers: { 'Content-Type': 'application/json' } },
      ),
    );
  }
  it.each([
    [400, 'InputError'],
    [403, 'NotAllowedError'],
    [409, 'ConflictError'],
  ])('keeps a %i as %s with its message', async (status, name) => {
    const error = refusalOf(await answer(status, 'Over budget: 40 EUR'), 'x');
    expect(error.name).toBe(name);
    expect(error.message).toBe('Over budget: 40 EUR');
  });
  it('says what failed otherwise', async () => {
    expect(
      refusalOf(await answer(500, 'db down'), 'Checking the budget').message,
    ).toBe('Checking the budget failed (500): db down');
    expect(refusalOf(new Error('ECONNREFUSED'), 'Reading it').message).toBe(
      'Reading it failed: Error: ECONNREFUSED',
    );
  });
});

describe('teamsIn', () => {
  it('keeps the default-namespace groups, by name', () => {
    expect(
      teamsIn([
        'user:default/amira.haddad',
        'group:default/nlp-team',
        'Group:default/vision-team',
        'group:other/ops',
      ]),
    ).toEqual(['nlp-team', 'vision-team']);
  });
});
