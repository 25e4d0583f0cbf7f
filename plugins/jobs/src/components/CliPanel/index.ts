export { CliPanel } from './CliPanel';
