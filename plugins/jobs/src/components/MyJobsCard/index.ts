export { MyJobsCard } from './MyJobsCard';
