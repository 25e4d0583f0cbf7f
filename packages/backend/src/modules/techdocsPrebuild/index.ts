export { techdocsModulePrebuild as default } from './module';
