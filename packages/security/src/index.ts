import { defineLayer } from '@secure-ml/shared';
import { createKeys } from './keys';
import { securitySettings } from './settings';

export = defineLayer('security', securitySettings, (ctx, settings) => {
  const keys = createKeys(ctx, settings);
  return {
    dataKeyArn: keys.data.arn,
    dataKeyId: keys.data.keyId,
    logsKeyArn: keys.logs.arn,
    logsKeyId: keys.logs.keyId,
  };
});
