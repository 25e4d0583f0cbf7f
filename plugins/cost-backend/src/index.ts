/**
 * GPU cost backend: an allocation ledger from the team namespaces' pods, cost per team, project,
 * model, user and GPU type, monthly budgets, and budget checks that reserve a job's estimated
 * cost before it starts, under /api/cost.
 *
 * @packageDocumentation
 */
export { costPlugin as default } from './plugin';
