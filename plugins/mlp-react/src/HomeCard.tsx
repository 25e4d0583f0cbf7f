import type { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { Progress } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { useReadableTables } from './readableTables';
import { ErrorState } from './states';

/** Where a home card leads: its full page. */
export type HomeCardLink = { to: string; label: string };

/**
 * One card of the home page: a title, what it is about, and a link to the page that shows all
 * of it. The body is the card's own.
 */
export function HomeCard(props: {
  title: string;
  subheader?: string;
  link?: HomeCardLink;
  children: ReactNode;
}) {
  const { title, subheader, link, children } = props;
  const classes = useReadableTables();
  return (
    <InfoCard
      title={title}
      subheader={subheader}
      deepLink={link ? { title: link.label, link: link.to } : undefined}
    >
      <section aria-label={title} className={classes.area}>
        {children}
      </section>
    </InfoCard>
  );
}

/** A home card's answer as it loads (react-use's useAsyncRetry state). */
export type LoadState<T> = {
  loading: boolean;
  error?: unknown;
  value?: T;
  retry: () => void;
};

/**
 * The state of an answer that needs another one first (a card that asks the catalog, then
 * MLflow): the first one's failure, else the second's state, loading while either loads.
 */
export function afterLoad<T>(
  first: LoadState<unknown>,
  second: LoadState<T | undefined>,
): LoadState<T> {
  if (first.error !== undefined) {
    return { loading: false, error: first.error, retry: first.retry };
  }
  return { ...second, value: second.value ?? undefined };
}

/**
 * The four states of a card's body: loading, failed (with the server's message and a retry),
 * empty (the given words), or the content.
 */
export function LoadedContent<T>(props: {
  state: LoadState<T>;
  isEmpty: (value: T) => boolean;
  empty: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { state, isEmpty, empty, children } = props;
  if (state.error !== undefined) {
    return <ErrorState error={state.error} onRetry={state.retry} />;
  }
  if (state.value === undefined) {
    return <Progress />;
  }
  if (isEmpty(state.value)) {
    return (
      <Typography color="textSecondary" data-testid="home-card-empty">
        {empty}
      </Typography>
    );
  }
  return <>{children(state.value)}</>;
}
