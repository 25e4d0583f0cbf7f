import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to the ML Platform

One place to find your team's models, read their model cards and start new ML projects,
without learning Kubernetes.

- **[Browse ML models](/catalog?filters[kind]=component&filters[type]=ml-model&filters[user]=all)**: every
  model with its owner, lifecycle, inference endpoint and model card.
- **[Start something new](/create)**: templates for ML projects and team onboarding.
- **[Teams](/catalog?filters[kind]=group&filters[user]=all)**: who owns what.
- **Search** (top of this page): models, teams and every model card.

### Guides

- [Getting started as a data scientist](/docs/default/component/ml-portal/getting-started/)
- [Operating the platform](/docs/default/component/ml-portal/operating/) (platform keepers)
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'Where to find models, templates and guides',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
