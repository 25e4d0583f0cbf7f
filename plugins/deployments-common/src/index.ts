/**
 * Types, request schemas and permissions shared by the model deployments plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
export * from './types';
