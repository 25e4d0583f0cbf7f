/**
 * What the GPU quota plugin's frontend and backend share: wire types, request schemas and
 * permissions.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
export * from './types';
