import * as aws from '@pulumi/aws';
import { defineLayer } from '@secure-ml/shared';
import { networkSettings } from './settings';

export = defineLayer('network', networkSettings, (ctx, settings) => {
  const vpc = new aws.ec2.Vpc(
    'vpc',
    { cidrBlock: settings.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: ctx.naming.name('vpc') } },
    { provider: ctx.provider },
  );
  return { vpcId: vpc.id, vpcCidr: vpc.cidrBlock };
});
