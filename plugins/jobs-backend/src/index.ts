/**
 * Training jobs backend: Argo Workflows in team namespaces, under /api/jobs.
 *
 * @packageDocumentation
 */
export { jobsPlugin as default } from './plugin';
