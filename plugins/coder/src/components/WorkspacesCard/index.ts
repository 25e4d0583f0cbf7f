export { WorkspacesCard } from './WorkspacesCard';
