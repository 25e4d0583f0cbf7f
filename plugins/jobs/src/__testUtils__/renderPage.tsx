// Test-only: the Jobs page in a test app, with a mock jobs API.
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { jobsApiRef, type JobsApi } from '../api';
import { JobsPage } from '../components/JobsPage';

export function renderPage(api: JobsApi, options: { path?: string } = {}) {
  return renderInTestApp(<JobsPage />, {
    initialRouteEntries: options.path ? [options.path] : undefined,
    apis: [
      [jobsApiRef, api],
      mockApis.identity({
        userEntityRef: 'user:default/alex.kim',
        token: 'portal-token-123',
      }),
    ],
  });
}

/** The table row of one job, once the list has loaded. */
export function findRow(id: string) {
  return screen.findByTestId(`job-${id}`);
}
