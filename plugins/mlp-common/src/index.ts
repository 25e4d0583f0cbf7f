/**
 * What the platform's scaffolder actions share with the frontend and the permission policy.
 *
 * @packageDocumentation
 */
export * from './permissions';
