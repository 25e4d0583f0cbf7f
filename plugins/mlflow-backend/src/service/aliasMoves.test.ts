import { aliasMovedAt } from './aliasMoves';

describe('aliasMovedAt', () => {
  it('gives the time the tag records when it names the version the alias is on', () => {
    expect(
      aliasMovedAt(
        { 'mlp.alias.champion': '3@2026-11-21T09:30:00+00:00' },
        'champion',
        '3',
      ),
    ).toEqual({ movedAt: Date.parse('2026-11-21T09:30:00Z') });
    expect(
      aliasMovedAt(
        { 'mlp.alias.challenger': '12@2026-11-21T09:30:00Z' },
        'challenger',
        '12',
      ),
    ).toEqual({ movedAt: Date.parse('2026-11-21T09:30:00Z') });
    // Python's datetime.now(timezone.utc).isoformat(), with microseconds.
    expect(
      aliasMovedAt(
        { 'mlp.alias.champion': '3@2026-11-21T09:30:00.123456+00:00' },
        'champion',
        '3',
      ),
    ).toEqual({ movedAt: Date.parse('2026-11-21T09:30:00.123Z') });
  });

  it.each([
    [{}, /^moved outside the portal's tools: no mlp.alias.champion tag/],
    [
      { 'mlp.alias.champion': '2@2026-11-21T09:30:00+00:00' },
      /^moved outside the portal's tools: mlp.alias.champion records version 2, the alias is on version 3$/,
    ],
    [
      { 'mlp.alias.champion': '3@yesterday' },
      /mlp.alias.champion is "3@yesterday", not <version>@<ISO time>/,
    ],
    [
      { 'mlp.alias.champion': '2026-11-21T09:30:00Z' },
      /not <version>@<ISO time>/,
    ],
    // Another alias's record says nothing about this one.
    [
      { 'mlp.alias.challenger': '3@2026-11-21T09:30:00Z' },
      /no mlp.alias.champion tag/,
    ],
  ])('gives no time, only the reason, for %j', (tags, reason) => {
    const answer = aliasMovedAt(tags, 'champion', '3');
    expect(answer).not.toHaveProperty('movedAt');
    expect(answer).toEqual({ movedAtUnknown: expect.stringMatching(reason) });
  });
});
