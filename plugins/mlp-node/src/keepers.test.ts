import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readKeeperGroups } from './keepers';

const read = (adminGroups: JsonValue) =>
  readKeeperGroups(new ConfigReader({ permission: { adminGroups } }), {
    required: true,
  });

describe('readKeeperGroups', () => {
  it('normalises group refs', () => {
    expect(read(['platform-team', 'group:ops/sre'])).toEqual([
      'group:default/platform-team',
      'group:ops/sre',
    ]);
  });

  it('names the key when the list is missing or empty', () => {
    expect(() =>
      readKeeperGroups(new ConfigReader({}), { required: true }),
    ).toThrow('permission.adminGroups must list at least one group');
    expect(() => read([])).toThrow(
      'permission.adminGroups must list at least one group',
    );
  });

  it('refuses a ref that is not a group', () => {
    expect(() => read(['user:default/morgan.lee'])).toThrow(
      "permission.adminGroups: 'user:default/morgan.lee' is a user, not a group",
    );
  });

  it('gives the plugins platform-team when the list is not set', () => {
    expect(readKeeperGroups(new ConfigReader({}))).toEqual([
      'group:default/platform-team',
    ]);
    expect(
      readKeeperGroups(
        new ConfigReader({ permission: { adminGroups: ['group:ops/sre'] } }),
      ),
    ).toEqual(['group:ops/sre']);
  });
});
