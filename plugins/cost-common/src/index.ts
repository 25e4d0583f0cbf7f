/**
 * What the GPU cost plugin's packages share: wire types, request schemas and permissions.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
export * from './types';
