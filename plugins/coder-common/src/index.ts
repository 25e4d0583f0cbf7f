/**
 * Types, request schemas, annotations and permissions shared by the Coder workspaces plugin.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './schemas';
export * from './types';
