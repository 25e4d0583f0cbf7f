export { coderApi } from './api';
export { coderEntityFilter, coderWorkspacesCard } from './entityCard';
