import { load } from 'js-yaml';
import { devSettings, Sandbox } from './sandbox';
import { hookOf, planNotebook } from './plan';
import { REPO_ROOT, environmentsIn } from '@secure-ml/shared/testing';

/**
 * The SageMaker Python SDK's config file schema, the part the on-start hook writes, copied as literals (this
 * test's own witness, not read from the code under test) from the SDK: "Configuring and using defaults with the
 * SageMaker Python SDK", https://sagemaker.readthedocs.io/en/stable/overview.html#configuring-and-using-defaults-with-the-sagemaker-python-sdk,
 * whose schema is `SAGEMAKER_PYTHON_SDK_CONFIG_SCHEMA` in aws/sagemaker-python-sdk
 * src/sagemaker/config/config_schema.py. Every object there has `additionalProperties: false`: a misspelt key
 * makes the SDK reject the whole file (jsonschema ValidationError), and every estimator then loses its defaults.
 */
type Node =
  | { readonly object: Readonly<Record<string, Node>> }
  | { readonly string: RegExp; readonly maxLength: number; readonly minLength?: number }
  | { readonly boolean: true }
  | { readonly array: Node; readonly minItems: number; readonly maxItems: number };

const roleArn: Node = {
  string: /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
  minLength: 20,
  maxLength: 2048,
};
const kmsKeyId: Node = { string: /^.*$/, maxLength: 2048 };
const vpcConfig: Node = {
  object: {
    SecurityGroupIds: { array: { string: /[-0-9a-zA-Z]+/, maxLength: 32 }, minItems: 1, maxItems: 5 },
    Subnets: { array: { string: /[-0-9a-zA-Z]+/, maxLength: 32 }, minItems: 1, maxItems: 16 },
  },
};
const tagText = /^[\w\s\d_.:/=+\-@]*$/;
const tags: Node = {
  array: {
    object: {
      Key: { string: tagText, minLength: 1, maxLength: 128 },
      Value: { string: tagText, maxLength: 256 },
    },
  },
  minItems: 0,
  maxItems: 50,
};
const SCHEMA: Node = {
  object: {
    SchemaVersion: { string: /^1\.0$/, maxLength: 3 },
    SageMaker: {
      object: {
        PythonSDK: {
          object: {
            Modules: {
              object: {
                Session: {
                  object: {
                    DefaultS3Bucket: {
                      string: /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/,
                      minLength: 3,
                      maxLength: 63,
                    },
                    DefaultS3ObjectKeyPrefix: { string: /^.+$/, minLength: 1, maxLength: 1024 },
                  },
                },
              },
            },
          },
        },
        TrainingJob: {
          object: {
            EnableInterContainerTrafficEncryption: { boolean: true },
            EnableNetworkIsolation: { boolean: true },
            OutputDataConfig: { object: { KmsKeyId: kmsKeyId } },
            ResourceConfig: { object: { VolumeKmsKeyId: kmsKeyId } },
            RoleArn: roleArn,
            VpcConfig: vpcConfig,
            Tags: tags,
          },
        },
        ProcessingJob: {
          object: {
            NetworkConfig: {
              object: {
                EnableInterContainerTrafficEncryption: { boolean: true },
                EnableNetworkIsolation: { boolean: true },
                VpcConfig: vpcConfig,
              },
            },
            ProcessingOutputConfig: { object: { KmsKeyId: kmsKeyId } },
            ProcessingResources: { object: { ClusterConfig: { object: { VolumeKmsKeyId: kmsKeyId } } } },
            RoleArn: roleArn,
            Tags: tags,
          },
        },
      },
    },
  },
};

/** Every way `value` breaks `node`, by path (additional properties included). */
function problems(value: unknown, node: Node, path = '$'): string[] {
  if ('object' in node) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [`${path}: not an object`];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
      const child = node.object[key];
      return child ? problems(v, child, `${path}.${key}`) : [`${path}.${key}: not in the SDK's schema`];
    });
  }
  if ('boolean' in node) return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
  if ('array' in node) {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    const size =
      value.length < node.minItems || value.length > node.maxItems ? [`${path}: ${value.length} items`] : [];
    return [...size, ...value.flatMap((v, i) => problems(v, node.array, `${path}[${i}]`))];
  }
  if (typeof value !== 'string') return [`${path}: not a string`];
  const ok =
    node.string.test(value) && value.length <= node.maxLength && value.length >= (node.minLength ?? 0);
  return ok ? [] : [`${path}: ${JSON.stringify(value)} breaks the SDK's pattern or length`];
}

const JOB_SETTINGS = {
  SECURE_ML_NOTEBOOK_ID: 'alice',
  SECURE_ML_JOB_ROLE_ARN: 'arn:aws:iam::123456789012:role/secure-ml/sml-dev/notebooks/sml-dev-job-alice',
  SECURE_ML_JOB_SUBNETS: 'subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002',
  SECURE_ML_JOB_SECURITY_GROUP: 'sg-0a1b2c3d4e5f60003',
  SECURE_ML_JOB_NETWORK_ISOLATION: 'true',
};

describe('the SageMaker SDK config file the on-start hook writes (sandboxed)', () => {
  let box: Sandbox;
  afterEach(() => box.remove());

  it('with jobs on, is valid against the SDK schema and gives every job the posture', async () => {
    box = new Sandbox({ systemd: true });
    expect((await box.runHook('on-start', devSettings(JOB_SETTINGS))).code).toBe(0);
    const config = load(box.read('etc/xdg/sagemaker/config.yaml'));
    expect(problems(config, SCHEMA)).toEqual([]);
    const vpc = {
      SecurityGroupIds: ['sg-0a1b2c3d4e5f60003'],
      Subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
    };
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/0000';
    const role = 'arn:aws:iam::123456789012:role/secure-ml/sml-dev/notebooks/sml-dev-job-alice';
    const tag = [{ Key: 'secure-ml:notebook-id', Value: 'alice' }];
    expect(config).toEqual({
      SchemaVersion: '1.0',
      SageMaker: {
        PythonSDK: {
          Modules: {
            Session: {
              DefaultS3Bucket: 'sml-dev-data-123456789012-eu-west-1',
              DefaultS3ObjectKeyPrefix: 'notebooks/alice',
            },
          },
        },
        TrainingJob: {
          RoleArn: role,
          EnableInterContainerTrafficEncryption: true,
          EnableNetworkIsolation: true,
          VpcConfig: vpc,
          OutputDataConfig: { KmsKeyId: key },
          ResourceConfig: { VolumeKmsKeyId: key },
          Tags: tag,
        },
        ProcessingJob: {
          RoleArn: role,
          NetworkConfig: {
            EnableInterContainerTrafficEncryption: true,
            EnableNetworkIsolation: true,
            VpcConfig: vpc,
          },
          ProcessingOutputConfig: { KmsKeyId: key },
          ProcessingResources: { ClusterConfig: { VolumeKmsKeyId: key } },
          Tags: tag,
        },
      },
    });
  });

  it('states network isolation off when the environment allows it', async () => {
    box = new Sandbox({ systemd: true });
    await box.runHook('on-start', devSettings({ ...JOB_SETTINGS, SECURE_ML_JOB_NETWORK_ISOLATION: 'false' }));
    const config = load(box.read('etc/xdg/sagemaker/config.yaml')) as {
      SageMaker: {
        TrainingJob: Record<string, unknown>;
        ProcessingJob: { NetworkConfig: Record<string, unknown> };
      };
    };
    expect(problems(config, SCHEMA)).toEqual([]);
    expect(config.SageMaker.TrainingJob['EnableNetworkIsolation']).toBe(false);
    expect(config.SageMaker.ProcessingJob.NetworkConfig['EnableNetworkIsolation']).toBe(false);
  });

  it('with jobs off, has the session defaults only', async () => {
    box = new Sandbox({ systemd: true });
    await box.runHook('on-start', devSettings());
    const config = load(box.read('etc/xdg/sagemaker/config.yaml'));
    expect(problems(config, SCHEMA)).toEqual([]);
    expect(config).toEqual({
      SchemaVersion: '1.0',
      SageMaker: {
        PythonSDK: {
          Modules: {
            Session: {
              DefaultS3Bucket: 'sml-dev-data-123456789012-eu-west-1',
              DefaultS3ObjectKeyPrefix: 'notebooks/alice',
            },
          },
        },
      },
    });
  });

  it('catches what the SDK would reject: a misspelt key, a string for a boolean, too many groups', () => {
    expect(
      problems(
        {
          SchemaVersion: '1.0',
          SageMaker: {
            TrainingJob: {
              EnableNetworkIsloation: true,
              EnableInterContainerTrafficEncryption: 'true',
              VpcConfig: { SecurityGroupIds: ['a', 'b', 'c', 'd', 'e', 'f'], Subnets: ['s'] },
            },
          },
        },
        SCHEMA,
      ),
    ).toEqual([
      "$.SageMaker.TrainingJob.EnableNetworkIsloation: not in the SDK's schema",
      '$.SageMaker.TrainingJob.EnableInterContainerTrafficEncryption: not a boolean',
      '$.SageMaker.TrainingJob.VpcConfig.SecurityGroupIds: 6 items',
    ]);
  });

  it.each(environmentsIn(REPO_ROOT))(
    'the %s plan gives the hook the job settings of the plan (role, subnets, group)',
    async (stack) => {
      const plan = await planNotebook(stack);
      const hook = hookOf(plan, 'onStart');
      expect(hook).toContain(`export SECURE_ML_NOTEBOOK_ID='alice'`);
      expect(hook).toContain(
        `export SECURE_ML_JOB_ROLE_ARN='arn:aws:iam::123456789012:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-job-alice'`,
      );
      expect(hook).toMatch(/export SECURE_ML_JOB_SUBNETS='subnet-[0-9a-f]+,subnet-[0-9a-f]+'/);
      expect(hook).toMatch(/export SECURE_ML_JOB_SECURITY_GROUP='sg-[0-9a-f]+'/);
      expect(hook).toContain(`export SECURE_ML_JOB_NETWORK_ISOLATION='true'`);
    },
  );
});
