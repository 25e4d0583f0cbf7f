import type { Entity } from '@backstage/catalog-model';
import { repoUrlOfEntity, repoUrlOfLocation } from './repoUrl';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-ticket-classifier', annotations },
  spec: { type: 'ml-model', owner: 'nlp-team' },
});

describe('repoUrlOfLocation', () => {
  it.each([
    [
      'url:https://github.com/acme/support-ticket-classifier/tree/main/',
      'https://github.com/acme/support-ticket-classifier',
    ],
    [
      'url:https://github.com/acme/support-ticket-classifier/blob/main/catalog-info.yaml',
      'https://github.com/acme/support-ticket-classifier',
    ],
    [
      'url:https://gitlab.example/ml/nlp/classifier/-/tree/develop/src',
      'https://gitlab.example/ml/nlp/classifier',
    ],
    [
      'url:https://github.com/acme/support-ticket-classifier/',
      'https://github.com/acme/support-ticket-classifier',
    ],
    [
      'https://github.com/acme/support-ticket-classifier',
      'https://github.com/acme/support-ticket-classifier',
    ],
    [
      'url:https://github.com/acme/tree/tree/main/',
      'https://github.com/acme/tree',
    ],
    [
      'url:https://github.com/acme/support-ticket-classifier?ref=x#y',
      'https://github.com/acme/support-ticket-classifier',
    ],
  ])('%s is %s', (location, repo) => {
    expect(repoUrlOfLocation(location)).toBe(repo);
  });

  it('is undefined for locations Coder cannot clone', () => {
    expect(repoUrlOfLocation('file:/repos/classifier')).toBeUndefined();
    expect(repoUrlOfLocation('url:not a url')).toBeUndefined();
    expect(repoUrlOfLocation('')).toBeUndefined();
  });
});

describe('repoUrlOfEntity', () => {
  it('prefers coder.com/repo-url over the source location', () => {
    expect(
      repoUrlOfEntity(
        entity({
          'coder.com/repo-url': 'https://github.com/acme/models.git',
          'backstage.io/source-location':
            'url:https://github.com/acme/support-ticket-classifier/tree/main/',
        }),
      ),
    ).toBe('https://github.com/acme/models.git');
  });

  it('falls back to the source location, and to nothing', () => {
    expect(
      repoUrlOfEntity(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/support-ticket-classifier/tree/main/',
        }),
      ),
    ).toBe('https://github.com/acme/support-ticket-classifier');
    expect(repoUrlOfEntity(entity({}))).toBeUndefined();
  });
});
