import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readAdminGroups } from './readAdminGroups';

const read = (adminGroups: JsonValue) =>
  readAdminGroups(new ConfigReader({ permission: { adminGroups } }));

describe('readAdminGroups', () => {
  it('normalises group refs', () => {
    expect(read(['platform-team', 'group:ops/sre'])).toEqual([
      'group:default/platform-team',
      'group:ops/sre',
    ]);
  });

  it('names the key when the list is missing or empty', () => {
    expect(() => readAdminGroups(new ConfigReader({}))).toThrow(
      'permission.adminGroups must list at least one group',
    );
    expect(() => read([])).toThrow(
      'permission.adminGroups must list at least one group',
    );
  });

  it('refuses a ref that is not a group', () => {
    expect(() => read(['user:default/morgan.lee'])).toThrow(
      "permission.adminGroups: 'user:default/morgan.lee' is a user, not a group",
    );
  });
});
