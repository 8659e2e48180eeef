import { bucketName, label, list, ofType, rec, str, T } from '../../resources';
import { allowsTo, roleByArn, rolePolicyStatements } from '../lookup';
import type { PreflightRule } from '../rule';

const REPLICATION = 'aws:s3/bucketReplicationConfig:BucketReplicationConfig';
const bucketOfArn = (arn: unknown) => str(arn)?.replace(/^arn:[^:]+:s3:::/, '');

/**
 * S3 replicates only from and to versioned buckets, with a role that may read the source versions and write
 * replicas; SSE-KMS objects are replicated only when SseKmsEncryptedObjects is enabled, and then need a
 * ReplicaKmsKeyID for the destination.
 */
export const replication: PreflightRule = {
  id: 'REPLICATION',
  requires:
    'replication runs between versioned buckets, with a role that reads source versions and writes replicas, and SSE-KMS objects are selected and given a replica key',
  source: {
    title:
      'Replicating encrypted objects (SSE-S3, SSE-KMS, DSSE-KMS, SSE-C); Requirements and considerations for replication',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html',
  },
  check: (env) =>
    ofType(env, REPLICATION).flatMap((config) => {
      const at = (message: string) => ({ resource: label(config), message: `${label(config)}: ${message}` });
      const source = str(config.inputs['bucket']);
      const problems = [];
      const versioned = (bucket: string | undefined) =>
        ofType(env, T.versioning).some(
          (v) => bucketName(v) === bucket && rec(v.inputs['versioningConfiguration'])['status'] === 'Enabled',
        );
      const kmsSource = ofType(env, T.encryption).some(
        (e) =>
          bucketName(e) === source &&
          list(e.inputs['rules']).some(
            (r) => rec(rec(r)['applyServerSideEncryptionByDefault'])['sseAlgorithm'] === 'aws:kms',
          ),
      );
      if (!versioned(source)) problems.push(at(`source bucket ${source ?? ''} is not versioned`));
      const role = roleByArn(env, config.inputs['role']);
      for (const raw of list(config.inputs['rules'])) {
        const rule = rec(raw);
        const destination = rec(rule['destination']);
        const target = bucketOfArn(destination['bucket']);
        if (!versioned(target)) problems.push(at(`destination bucket ${target ?? ''} is not versioned`));
        const selected =
          rec(rec(rule['sourceSelectionCriteria'])['sseKmsEncryptedObjects'])['status'] === 'Enabled';
        const replicaKey = str(rec(destination['encryptionConfiguration'])['replicaKmsKeyId']);
        if (kmsSource && !selected)
          problems.push(
            at(
              'the source is SSE-KMS but sseKmsEncryptedObjects is not Enabled: its objects would not replicate',
            ),
          );
        if (selected && !replicaKey)
          problems.push(
            at(
              'sseKmsEncryptedObjects is Enabled without destination.encryptionConfiguration.replicaKmsKeyId',
            ),
          );
        if (role) {
          const statements = rolePolicyStatements(env, role);
          if (!allowsTo(statements, 's3:ReplicateObject', `${str(destination['bucket']) ?? ''}/x`))
            problems.push(at(`${label(role)} may not s3:ReplicateObject into ${target ?? ''}`));
          if (!allowsTo(statements, 's3:GetObjectVersionForReplication', `arn:aws:s3:::${source ?? ''}/x`))
            problems.push(
              at(`${label(role)} may not s3:GetObjectVersionForReplication from ${source ?? ''}`),
            );
        }
      }
      return problems;
    }),
};
