import { ConfigReader } from '@backstage/config';
import { readProviderSettings } from './settings';

describe('mlflow.catalog', () => {
  it('has defaults', () => {
    expect(readProviderSettings(new ConfigReader({}))).toEqual({
      enabled: true,
      frequencyMinutes: 30,
      initialDelaySeconds: 120,
      defaultOwner: 'group:default/platform-team',
    });
  });
  it('names the setting and the fix', () => {
    expect(() =>
      readProviderSettings(
        new ConfigReader({ mlflow: { catalog: { frequencyMinutes: 0 } } }),
      ),
    ).toThrow(
      /mlflow.catalog.frequencyMinutes is 0; it is a number of minutes above 0/,
    );
    expect(() =>
      readProviderSettings(
        new ConfigReader({
          mlflow: { catalog: { defaultOwner: 'platform team' } },
        }),
      ),
    ).toThrow(
      /mlflow.catalog.defaultOwner is 'platform team'; it is an entity ref/,
    );
  });
});
