export { ChampionCard } from './ChampionCard';
