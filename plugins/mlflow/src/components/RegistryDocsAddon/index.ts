export { RegistryDocsAddon } from './RegistryDocsAddon';
