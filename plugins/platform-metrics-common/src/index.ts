/**
 * What the platform metrics page, the mlp CLI and the platform metrics backend share: the
 * figures' shapes and the keepers' permission to read them.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
