import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { finding, missing, ofType, owns, physicalName, show, str, T } from '../resources';
import { jobRoles, notebookIdOf } from './job-ground';
import { reachOfRole } from './role-reach';

/**
 * NB-12 (issue 14, "a notebook per person"): what each notebook's execution role reaches of the data bucket. One
 * bucket per environment holds every notebook's data, each under `notebooks/<id>/`; what keeps one person's data
 * from another is each role's own grants and the bucket's policy, judged here by the probes JOB-1 shares
 * (role-reach.ts) with the role's own notebook id.
 */
const FIX =
  "grant the notebook role only its own data access (packages/notebook/src/notebooks/policies.ts dataAccessPolicy: notebooks/<id>/ read and write, shared/ read, ListBucket with s3:prefix on those two) and let the data bucket's policy (packages/notebook/src/bucket-policy.ts) allow nothing";

/** Each notebook's execution role, with the id of its notebook: by the notebook's roleArn, or by the role's tag. */
function executionRoles(env: Env): { role: Res; id: string | undefined }[] {
  const roles = ofType(env, T.role);
  const jobs = new Set(jobRoles(env));
  const byNotebook = ofType(env, T.notebook).flatMap((nb) => {
    const name = str(nb.inputs['roleArn'])?.split('/').pop();
    const role = roles.find((r) => physicalName(r) === name);
    return role ? [{ role, id: notebookIdOf(role) ?? notebookIdOf(nb) }] : [];
  });
  const tagged = roles
    .filter((r) => !jobs.has(r) && notebookIdOf(r) && !byNotebook.some((p) => p.role === r))
    .map((role) => ({ role, id: notebookIdOf(role) }));
  return [...byNotebook, ...tagged];
}

const notebookReachControl = stackControl({
  id: 'NB-12',
  standards: ['least privilege', 'separation'],
  check:
    "each notebook's execution role, judged by the condition evaluator over all its policies and the data bucket's policy, reaches only its own prefix: it reads, writes and deletes nothing under another notebook's `notebooks/<other>/` (an unknown id, every other notebook of the plan, and ids that share the role's own as a prefix: `<id>-x`, `<id>0`), lists (ListBucket, ListBucketVersions) only with an `s3:prefix` that stays inside its own prefix or `shared/` (not absent, not `notebooks/`, not `notebooks/<id>` without its `/`), lists no multipart uploads, writes nothing under `shared/` or outside both prefixes, reaches no other bucket, and uses the data key only through S3 for the data bucket; and it can still read, write and list its own prefix, read and list `shared/` and use the key through S3 (a lock-out is a finding)",
  perLayer:
    "the engine checks the notebook stack's execution roles against the bucket and key their policies name and the bucket policy it plans; offline, against the notebook layer's data bucket and the security layer's data key",
  mayBeNotApplicable: 'the engine judges a stack other than the notebook stack',
  examines: [T.notebook, T.role, T.rolePolicy, T.bucketPolicy],
  appliesTo: (env) => owns(env, 'notebook'),
  evaluate(env) {
    const roles = executionRoles(env);
    if (roles.length === 0)
      return env.scope === 'environment'
        ? [
            missing(
              'notebook layer',
              'plans no notebook execution role',
              'define secure-ml-notebook:notebooks',
            ),
          ]
        : [];
    const found: Finding[] = [];
    for (const { role, id } of roles) {
      if (!id) {
        found.push(
          finding(
            role,
            'has no secure-ml:notebook-id tag and its notebook none either: its own prefix is unknown',
            "tag the notebook and its role with the notebook's id (NB-9)",
          ),
        );
        continue;
      }
      const { beyond, lockedOut, grantedBy } = reachOfRole(env, role, id);
      if (beyond.length)
        found.push(
          finding(
            role,
            `(notebook ${show(id)}) ${beyond.join('; ')} (granted by ${grantedBy.join(', ')})`,
            FIX,
          ),
        );
      if (lockedOut.length)
        found.push(
          finding(
            role,
            `(notebook ${show(id)}) cannot ${lockedOut.join('; ')} (its owner is locked out)`,
            FIX,
          ),
        );
    }
    return found;
  },
});

export const notebookReachControls: Control[] = [notebookReachControl];
