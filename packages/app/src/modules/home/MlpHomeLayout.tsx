import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Content } from '@backstage/core-components';
import { Progress } from '@backstage/frontend-plugin-api';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { ErrorState } from '@internal/plugin-mlp-react';
import { KeeperCards } from './KeeperCards';
import { ScientistCards } from './ScientistCards';
import { useDisplayName } from './useDisplayName';
import { useMe } from './useMe';

/** The widget that goes above the cards, when installed. */
const SEARCH_WIDGET = 'HomePageSearchBar';

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={props.title} mb={4}>
      <Typography variant="h5" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * The portal's home page: for a platform keeper what waits for them first, then for everyone
 * their own jobs, GPUs, spend, workspaces and models. Other installed widgets follow below.
 */
export function MlpHomeLayout(props: HomePageLayoutProps) {
  const me = useMe();
  const name = useDisplayName(me.value?.userEntityRef);
  const search = props.widgets.find(w => w.name === SEARCH_WIDGET);
  const others = props.widgets.filter(w => w !== search);

  let cards;
  if (me.error) {
    cards = <ErrorState error={me.error} onRetry={me.retry} />;
  } else if (!me.value) {
    cards = <Progress />;
  } else {
    cards = (
      <>
        {me.value.mayDecide && (
          <Section title="Waiting for you as a platform keeper">
            <KeeperCards />
          </Section>
        )}
        <Section
          title={
            me.value.teams.length
              ? `Your work in ${me.value.teams.join(', ')}`
              : 'Your work'
          }
        >
          <ScientistCards me={me.value} />
        </Section>
      </>
    );
  }

  return (
    <Content>
      <Typography variant="h4" component="h1" gutterBottom>
        {name ? `Welcome, ${name}` : 'Welcome'}
      </Typography>
      {search && <Box mb={3}>{search.component}</Box>}
      {cards}
      {others.length > 0 && (
        <Section title="More">
          <Grid container spacing={3}>
            {others.map(w => (
              <Grid item xs={12} md={6} key={w.node.spec.id}>
                {w.component}
              </Grid>
            ))}
          </Grid>
        </Section>
      )}
    </Content>
  );
}
