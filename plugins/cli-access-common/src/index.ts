/**
 * What the CLI access page and the mlp-cli auth module share: the answer about command-line
 * logins (offline sessions) and the keepers' permission to manage everyone's.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
