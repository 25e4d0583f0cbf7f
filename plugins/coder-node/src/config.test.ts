import { ConfigReader } from '@backstage/config';
import { readCoderSettings } from './config';

const key = Buffer.alloc(32, 7).toString('base64');

describe('readCoderSettings', () => {
  it('is undefined without a coder section', () => {
    expect(readCoderSettings(new ConfigReader({}))).toBeUndefined();
  });

  it('reads the settings with their defaults', () => {
    const settings = readCoderSettings(
      new ConfigReader({
        coder: {
          baseUrl: 'https://coder.example.com/',
          tokenEncryptionKey: key,
        },
      }),
    );
    expect(settings).toMatchObject({
      baseUrl: 'https://coder.example.com',
      parameters: { repoUrl: 'repo_url', gpuCount: 'gpu_count' },
      workspaceHours: 8,
      gpuResource: 'nvidia.com/gpu',
      timeoutSeconds: 15,
    });
    expect(settings!.tokenEncryptionKey).toHaveLength(32);
  });

  it.each([
    [
      { baseUrl: 'coder.example.com', tokenEncryptionKey: key },
      /^coder\.baseUrl: must be an http\(s\) URL/,
    ],
    [{ baseUrl: 'https://c' }, /^coder\.tokenEncryptionKey: /],
    [
      { baseUrl: 'https://c', tokenEncryptionKey: 'c2hvcnQ=' },
      /^coder\.tokenEncryptionKey: must be 32 random bytes in base64; make one with: openssl rand -base64 32/,
    ],
    [
      { baseUrl: 'https://c', tokenEncryptionKey: key, workspaceHours: 0 },
      /^coder\.workspaceHours: /,
    ],
  ])('names the bad key in %j', (coder, message) => {
    expect(() => readCoderSettings(new ConfigReader({ coder }))).toThrow(
      message,
    );
  });
});
