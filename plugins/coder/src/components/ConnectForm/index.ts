export { ConnectForm } from './ConnectForm';
