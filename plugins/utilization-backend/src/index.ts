/**
 * Idle GPU reclaim: idle policies per team, notices to owners, stops after a grace.
 *
 * @packageDocumentation
 */
export { utilizationPlugin as default } from './plugin';
