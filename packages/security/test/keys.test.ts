import { ofType, planForTest, resource } from '@secure-ml/shared/testing';
import program = require('../src/index');

describe('security keys', () => {
  it.each(['dev', 'prod'])('creates a rotating data key and logs key with a 30-day window in %s', async (stack) => {
    const plan = await planForTest('security', program, { stack });
    const keys = ofType(plan, 'aws:kms/key:Key');
    expect(keys.map((k) => k.name).sort()).toEqual(['data-key', 'logs-key']);
    for (const key of keys) {
      expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
      expect(key.options.protect).toBe(stack === 'prod');
    }
    expect(resource(plan, 'aws:kms/alias:Alias', 'data-key-alias').inputs['name']).toBe(`alias/sml-${stack}-data`);
  });
});
