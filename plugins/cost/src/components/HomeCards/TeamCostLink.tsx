import { Link } from '@backstage/core-components';

/** A team's name, linked to its figures on the cost page when the app has that page. */
export function TeamCostLink(props: { team: string; page?: string }) {
  const { team, page } = props;
  return page ? (
    <Link to={`${page}?team=${encodeURIComponent(team)}`}>{team}</Link>
  ) : (
    <>{team}</>
  );
}
