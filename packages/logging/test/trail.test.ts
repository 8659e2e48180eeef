import { planForTest, resource } from '@secure-ml/shared/testing';
import program = require('../src/index');

describe('logging trail', () => {
  it('encrypts a multi-region, validated trail with the security layer logs key', async () => {
    const plan = await planForTest('logging', program, {
      upstream: { security: { dataKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/d', dataKeyId: 'd', logsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/l', logsKeyId: 'l' } },
    });
    expect(resource(plan, 'aws:cloudtrail/trail:Trail', 'trail').inputs).toMatchObject({
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/l',
    });
  });
});
