export { ServiceTokensCard } from './ServiceTokensCard';
