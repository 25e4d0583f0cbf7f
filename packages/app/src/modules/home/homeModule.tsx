import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
- [Getting started as a data scientist](/docs/default/component/ml-portal/getting-started/)
- [What this page shows](/docs/default/component/ml-portal/home/)
- [Operating the platform](/docs/default/component/ml-portal/operating/) (platform keepers)
- [Browse ML models](/catalog?filters[kind]=component&filters[type]=ml-model&filters[user]=all),
  [start something new](/create), [teams](/catalog?filters[kind]=group&filters[user]=all)
`;

const guidesWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Guides and shortcuts',
    description: 'Where to find models, templates and guides',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

/** The home page's own layout: cards for the signed-in user instead of a widget grid. */
const mlpHomeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./MlpHomeLayout').then(m => m.MlpHomeLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [mlpHomeLayout, guidesWidget],
});
