/**
 * Auth module of the ML platform: the OAuth client metadata document of the mlp command line.
 *
 * @packageDocumentation
 */
export { authModuleMlpCli as default } from './module';
export {
  MLP_CLI_CLIENT_NAME,
  MLP_CLI_CLIENT_PATH,
  mlpCliClientMetadata,
} from './clientMetadata';
