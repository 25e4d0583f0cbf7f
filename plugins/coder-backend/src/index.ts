/**
 * Coder workspaces backend: each user's GPU dev environments in Coder, under /api/coder.
 *
 * @packageDocumentation
 */
export { coderPlugin as default } from './plugin';
