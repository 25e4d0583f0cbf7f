export { ModelRegistryCard } from './ModelRegistryCard';
export { RegistryOverview } from './RegistryOverview';
