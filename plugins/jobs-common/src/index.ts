/**
 * Types, request schemas and permissions shared by the training jobs plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './records';
export * from './schemas';
export * from './types';
