import type { CaseFacts } from './types';

/**
 * ARNs of the environment's resources, as the layers name them (libs/shared naming.ts), for the case tables.
 * `neighbour` is another environment of the same prefix whose stem starts with ours (`sml-dev2` beside
 * `sml-dev`): the near miss a sloppy `sml-dev*` pattern would let through.
 */
export function namesOf(f: CaseFacts) {
  const arn = (service: string, rest: string, region = f.region) =>
    `arn:${f.partition}:${service}:${region}:${f.account}:${rest}`;
  const global = (service: string, rest: string) => `arn:${f.partition}:${service}::${f.account}:${rest}`;
  const neighbour = `${f.stem}2`;
  const logGroup = (name: string) => arn('logs', `log-group:${name}`);
  return {
    neighbour,
    dataBucket: `${f.stem}-data-${f.account}-${f.region}`,
    neighbourDataBucket: `${neighbour}-data-${f.account}-${f.region}`,
    object: (bucket: string, prefix = `notebooks/${f.notebookId}/`) =>
      `arn:${f.partition}:s3:::${bucket}/${prefix}projects/train.csv`,
    /** Instance names of the environment's notebooks (`<stem>-notebook-<id>`, libs/shared naming). */
    notebookName: (id: string, stem = f.stem) => `${stem}-notebook-${id}`,
    bucket: (bucket: string) => `arn:${f.partition}:s3:::${bucket}`,
    notebook: (name: string) => arn('sagemaker', `notebook-instance/${name}`),
    stream: (group: string, name: string) => `${logGroup(group)}:log-stream:${name}`,
    role: (name: string) => global('iam', `role/${name}`),
    user: (name: string) => global('iam', `user/${name}`),
    policy: (pathAndName: string) => global('iam', `policy/${pathAndName}`),
    instance: (id: string) => arn('ec2', `instance/${id}`),
    aliases: (purpose: 'data' | 'logs') => ({ 'kms:ResourceAliases': [`alias/${f.stem}-${purpose}`] }),
  };
}
