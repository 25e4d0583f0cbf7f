/**
 * Catalog annotations the Coder workspaces plugin reads from an ML project (or model) entity.
 * All are optional: without them the card lists all of the user's workspaces and asks for a
 * template when creating one.
 */

/** The Coder template new workspaces of this project use, e.g. `gpu-pytorch`. */
export const CODER_TEMPLATE_ANNOTATION = 'coder.com/template';

/**
 * The Git repository a workspace clones, when it is not the entity's `backstage.io/source-location`.
 * Workspaces whose repository parameter has this value belong to the project.
 */
export const CODER_REPO_URL_ANNOTATION = 'coder.com/repo-url';

/** Where the catalog keeps an entity's source; `url:` prefixed, as Backstage writes it. */
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
