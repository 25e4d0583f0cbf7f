export { cliAccessApiRef } from './CliAccessApi';
export type { CliAccessApi } from './CliAccessApi';
export { CliAccessClient } from './CliAccessClient';
