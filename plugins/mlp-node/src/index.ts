/**
 * Pieces the portal's backend plugins share.
 *
 * @packageDocumentation
 */
export { csvField } from './csvField';
export { parseInput } from './parseInput';
