import { LAYER_ORDER } from '../../model';
import { grants, statementsOf } from '../../policy-document';
import { label, ofType, str, T } from '../../resources';
import type { PreflightRule } from '../rule';

/**
 * Mistakes no single layer can see: each layer is its own stack file, so two of them can disagree. Both rules need
 * every layer's plan (offline, `npm start`); under the real engine a stack sees only itself and they find nothing.
 */

/** The region of each layer's own AWS provider (`<layer>-aws`, libs/shared context); the replica's is another. */
function layerRegions(env: Parameters<PreflightRule['check']>[0]): [string, string][] {
  return LAYER_ORDER.flatMap((layer) => {
    const provider = env.resources.find(
      (r) => r.type === 'pulumi:providers:aws' && r.name === `${layer}-aws`,
    );
    const region = str(provider?.inputs['region']);
    return region ? [[layer, region] as [string, string]] : [];
  });
}

export const layerRegion: PreflightRule = {
  id: 'LAYER-REGION',
  requires:
    "every layer deploys to one region: the notebooks use the network layer's subnets and endpoints and the security layer's keys, and none of them reaches across regions",
  source: {
    title:
      'Working with Amazon VPC endpoints (CodeArtifact user guide): "VPC endpoints do not support cross-AWS Region requests"',
    url: 'https://docs.aws.amazon.com/codeartifact/latest/ug/vpc-endpoints.html',
  },
  check: (env) => {
    if (env.scope !== 'environment') return [];
    const regions = layerRegions(env);
    const first = regions[0];
    if (!first) return [];
    const differing = regions.filter(([, region]) => region !== first[1]);
    if (differing.length === 0) return [];
    return [
      {
        resource: `environment ${env.stack}`,
        message: `the layers of ${env.stack} name different regions (${regions.map(([l, r]) => `${l}: ${r}`).join(', ')}). Fix: set aws:region to one value in every packages/<layer>/Pulumi.${env.stack}.yaml (${differing.map(([l]) => `packages/${l}`).join(', ')} differ from packages/${first[0]})`,
      },
    ];
  },
};

/** The two interface endpoints a CodeArtifact mirror needs, by the suffix of their service names. */
export const CODEARTIFACT_ENDPOINTS = ['codeartifact.api', 'codeartifact.repositories'] as const;

export const mirrorEndpoints: PreflightRule = {
  id: 'MIRROR-ENDPOINTS',
  requires:
    'a notebook layer configured for a CodeArtifact pip mirror has both CodeArtifact interface endpoints in the network layer (without internet, pip reaches the mirror only through them)',
  source: {
    title: 'Create VPC endpoints for CodeArtifact: "Two VPC endpoints are required"',
    url: 'https://docs.aws.amazon.com/codeartifact/latest/ug/create-vpc-endpoints.html',
  },
  check: (env) => {
    if (env.scope !== 'environment') return [];
    // The notebook layer grants GetAuthorizationToken only when secure-ml-notebook:codeArtifactDomain is set.
    const users = ofType(env, T.rolePolicy, T.policy).filter(
      (p) =>
        p.layer === 'notebook' &&
        statementsOf(p.inputs['policy']).some(
          (s) => s.effect === 'Allow' && grants(s, 'codeartifact:GetAuthorizationToken'),
        ),
    );
    if (users.length === 0) return [];
    const services = ofType(env, T.endpoint).map((e) => str(e.inputs['serviceName']) ?? '');
    const missing = CODEARTIFACT_ENDPOINTS.filter((name) => !services.some((s) => s.endsWith(`.${name}`)));
    return missing.length === 0
      ? []
      : users.map((p) => ({
          resource: label(p),
          message: `${label(p)} uses a CodeArtifact mirror (secure-ml-notebook:codeArtifactDomain), but the network layer has no ${missing.join(' or ')} endpoint: pip cannot reach the mirror. Fix: add ${missing.map((m) => `"${m}"`).join(' and ')} to secure-ml-network:interfaceEndpoints in packages/network/Pulumi.${env.stack}.yaml`,
        }));
  },
};
