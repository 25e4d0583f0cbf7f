export { TeamExperiments } from './TeamExperiments';
