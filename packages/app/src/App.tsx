import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { kubernetesModule } from './modules/kubernetes';
import { modelModule } from './modules/model';

// Plugins listed in package.json are discovered through `app.packages: all`; these modules
// customise them for the ML platform.
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    kubernetesModule,
    modelModule,
  ],
});
