/**
 * The interface endpoints the network layer knows, and why a notebook without internet needs each. `required`
 * ones are what control NET-6 demands and cannot be configured away; the others are on by default or opt-in.
 * One catalogue, two consumers: the network layer builds its endpoints from it and the policy pack (NET-6)
 * requires from it; packages/network/test keeps its own literal copy of the required list.
 */
interface EndpointService {
  readonly why: string;
  readonly use: 'required' | 'default' | 'opt-in';
  /** The PrivateLink service name; most are `com.amazonaws.<region>.<name>`. */
  readonly serviceName?: (region: string) => string;
}

export const ENDPOINT_SERVICES = {
  'sagemaker.api': {
    use: 'required',
    why: 'SageMaker API calls from the notebook and the SageMaker Python SDK',
  },
  'sagemaker.runtime': { use: 'required', why: 'invoking SageMaker model endpoints from the notebook' },
  notebook: {
    // Opt-in: notebooks never use it (it carries browsers' Jupyter traffic into SageMaker), so by default it
    // would cost an endpoint-hour per AZ for nothing. When on, it gets a group of its own that admits the
    // configured client networks (notebookClientCidrs) and nothing else.
    // AWS: "Connect to a notebook instance through a VPC interface endpoint",
    // https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html
    use: 'opt-in',
    why: 'the Jupyter UI of notebook instances over PrivateLink, for browsers inside the network (notebookClientCidrs)',
    // The one SageMaker endpoint whose service name does not start with com.amazonaws.
    serviceName: (region) => `aws.sagemaker.${region}.notebook`,
  },
  sts: {
    use: 'required',
    why: 'credentials of the execution role (AssumeRole, GetCallerIdentity) without internet',
  },
  logs: { use: 'required', why: 'notebook and lifecycle-script logs to CloudWatch Logs' },
  monitoring: { use: 'required', why: 'CloudWatch metrics, which the idle-stop hook reads' },
  kms: { use: 'required', why: 'the customer-managed keys of the data bucket and the notebook volume' },
  'ecr.api': { use: 'opt-in', why: 'ECR API calls (authorization, image manifests) for custom images' },
  'ecr.dkr': {
    use: 'opt-in',
    why: 'docker pulls from ECR (layers then come from the ECR S3 bucket, see aws-owned-buckets.ts)',
  },
  ssm: { use: 'opt-in', why: 'Parameter Store reads from notebooks' },
  'codeartifact.api': { use: 'opt-in', why: 'CodeArtifact authorization tokens, for a private PyPI mirror' },
  'codeartifact.repositories': { use: 'opt-in', why: 'pip installs from a CodeArtifact repository' },
} as const satisfies Record<string, EndpointService>;

export type EndpointName = keyof typeof ENDPOINT_SERVICES;
export const ENDPOINT_NAMES = Object.keys(ENDPOINT_SERVICES) as EndpointName[];

const byUse = (...uses: EndpointService['use'][]) =>
  ENDPOINT_NAMES.filter((name) => uses.includes((ENDPOINT_SERVICES[name] as EndpointService).use));

/** What NET-6 requires: removing one of these from the list is a config error. */
export const REQUIRED_ENDPOINTS: readonly EndpointName[] = byUse('required');
/** The secure default set: everything a notebook needs without internet. */
export const DEFAULT_ENDPOINTS: readonly EndpointName[] = byUse('required', 'default');

export const isEndpointName = (name: string): name is EndpointName =>
  (ENDPOINT_NAMES as string[]).includes(name);

export function endpointServiceName(name: EndpointName, region: string): string {
  const service: EndpointService = ENDPOINT_SERVICES[name];
  return service.serviceName?.(region) ?? `com.amazonaws.${region}.${name}`;
}

/**
 * Checks a configured list: every name known, none twice, every required one present. Returns the problems,
 * each naming the values and what is allowed; an empty list means the list is valid.
 */
export function endpointListProblems(names: readonly string[]): string[] {
  const problems: string[] = [];
  const unknown = names.filter((n) => !isEndpointName(n));
  if (unknown.length)
    problems.push(
      `unknown service(s) ${JSON.stringify(unknown)}; known services are ${ENDPOINT_NAMES.join(', ')}`,
    );
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length) problems.push(`listed more than once: ${JSON.stringify(twice)}`);
  const missing = REQUIRED_ENDPOINTS.filter((n) => !names.includes(n));
  if (missing.length) problems.push(`missing ${JSON.stringify(missing)}, which control NET-6 requires`);
  return problems;
}
