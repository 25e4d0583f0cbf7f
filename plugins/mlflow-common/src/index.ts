/**
 * What the MLflow plugin's packages share: annotations, wire types, request schemas and
 * permissions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './schemas';
export * from './tags';
export * from './types';
