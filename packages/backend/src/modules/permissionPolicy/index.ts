export { permissionModulePlatformPolicy as default } from './module';
