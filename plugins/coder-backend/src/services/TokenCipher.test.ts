import { TokenCipher } from './TokenCipher';

const cipher = new TokenCipher(Buffer.alloc(32, 1));
const token = 'Ab3dE-fGhIjKlMnOpQrStUvWxYz0123';

describe('TokenCipher', () => {
  it('opens what it sealed, for the same owner only', () => {
    const sealed = cipher.seal(token, 'user:default/amira');
    expect(sealed).not.toContain(token);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(
      token,
    );
    expect(cipher.open(sealed, 'user:default/amira')).toBe(token);
    expect(cipher.open(sealed, 'user:default/bob')).toBeUndefined();
  });

  it('seals the same token differently each time', () => {
    expect(cipher.seal(token, 'u')).not.toBe(cipher.seal(token, 'u'));
  });

  it('detects altered bytes and a different key', () => {
    const raw = Buffer.from(cipher.seal(token, 'u'), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(cipher.open(raw.toString('base64'), 'u')).toBeUndefined();
    const other = new TokenCipher(Buffer.alloc(32, 2));
    expect(other.open(cipher.seal(token, 'u'), 'u')).toBeUndefined();
    expect(cipher.open('c2hvcnQ=', 'u')).toBeUndefined();
  });
});
