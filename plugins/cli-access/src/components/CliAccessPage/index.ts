export { CliAccessPage } from './CliAccessPage';
