// Test-only: the card on an entity page, with a mock Coder API.
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { coderApiRef, type CoderApi } from '../api';
import { WorkspacesCard } from '../components/WorkspacesCard';
import { mlProject } from './fixtures';

export function renderCard(api: CoderApi, entity: Entity = mlProject()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <WorkspacesCard />
    </EntityProvider>,
    { apis: [[coderApiRef, api]] },
  );
}

/** The table row of one workspace, once the list has loaded. */
export function findRow(name: string) {
  return screen.findByTestId(`workspace-${name}`);
}
