import type { Entity } from '@backstage/catalog-model';
import {
  CODER_REPO_URL_ANNOTATION,
  SOURCE_LOCATION_ANNOTATION,
} from '@internal/plugin-coder-common';

/** Path parts after which a location names a branch or file rather than the repository. */
const REF_PARTS = ['tree', 'blob'];

/**
 * The repository a location points into: `url:` prefix, a branch or file part (`/tree/…`,
 * `/blob/…`, GitLab's `/-/tree/…`), query and trailing slashes removed. The owner and repository
 * name come first, so a repository that is itself called `tree` is kept. Undefined when it is not
 * an http(s) URL (a `file:` location, say), since Coder could not clone it.
 */
export function repoUrlOfLocation(location: string): string | undefined {
  let url: URL;
  try {
    url = new URL(location.trim().replace(/^url:/, ''));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return undefined;
  }
  const parts = url.pathname.split('/').filter(Boolean);
  let end = parts.findIndex((p, i) => i >= 2 && REF_PARTS.includes(p));
  if (end === -1) {
    end = parts.length;
  } else if (parts[end - 1] === '-') {
    end -= 1;
  }
  return `${url.origin}/${parts.slice(0, end).join('/')}`.replace(/\/$/, '');
}

/**
 * The repository an entity's workspaces clone: its `coder.com/repo-url` annotation, else the
 * repository of its `backstage.io/source-location`.
 */
export function repoUrlOfEntity(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const explicit = annotations[CODER_REPO_URL_ANNOTATION]?.trim();
  if (explicit) {
    return explicit;
  }
  const location = annotations[SOURCE_LOCATION_ANNOTATION];
  return location ? repoUrlOfLocation(location) : undefined;
}
