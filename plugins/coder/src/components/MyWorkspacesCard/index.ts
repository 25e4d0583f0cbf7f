export { MyWorkspacesCard } from './MyWorkspacesCard';
