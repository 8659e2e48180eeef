import { alwaysHolds, canHold, globMatch } from '../conditions';
import { admitsAnotherAccount, foreignPrincipals, whyUnscoped } from '../scoping';
import { resourceControl, stackControl } from '../define';
import { exemptedPrincipals, personMay, ownerRefusals, unforeseenNotebookRole } from './guardrail-people';
import { namedInOpeningDenies, sameSet } from './opening-networks';
import {
  guardrailRefusesCompliantJobs,
  missingGuardrailJobPins,
  missingPins,
  pinValuesOf,
  refusedCompliant,
  SCP_OUTPUTS,
  type Pin,
} from './guardrail-pins';
import { jobPinsFix, type JobPin } from './job-pins';
import { trustException, trustProblem } from './trust-exceptions';
import type { Control, Env, Finding, Res } from '../model';
import {
  grants,
  identityPolicies,
  IDENTITY_POLICY_TYPES,
  isWildcardPrincipal,
  servicePrincipals,
  statementsOf,
  type Statement,
} from '../policy-document';
import {
  finding,
  label,
  missing,
  ofType,
  owns,
  physicalName,
  roleNameOfArn,
  show,
  str,
  strings,
  T,
} from '../resources';

/** A service nobody should pass the role to: IAM-5 asks whether the grant holds for it. */
const UNFORESEEN_SERVICE = 'unforeseen.amazonaws.com';
const own = (r: Res, env: Env) => identityPolicies({ ...env, resources: [r] });
const sid = (s: Statement) => s.sid ?? '(no Sid)';
/** An AWS-managed policy ARN (`arn:aws:iam::aws:policy/...`), of any partition and path. */
const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;
/**
 * IAM-4's allow-list: the AWS-managed policies a role of this product may carry, each with the AWS page that
 * requires it. None today: every role's permissions are written out by the security layer. AWS managed
 * policies "might not grant least-privilege permissions for your specific use cases because they are available
 * for use by all AWS customers", and AWS updates them when it launches services or actions, so a name that
 * reads harmless today (PowerUserAccess, ReadOnlyAccess) grants tomorrow's actions too.
 * AWS: "What are AWS managed policies?"
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference
 */
export const ALLOWED_AWS_MANAGED_POLICIES: Readonly<Record<string, string>> = {};
const allowedManaged = (arn: string) =>
  Object.keys(ALLOWED_AWS_MANAGED_POLICIES).some((name) => arn.endsWith(`:policy/${name}`));

/** Roles SageMaker assumes: the notebook execution role. */
export const trustsSageMaker = (role: Res): boolean =>
  statementsOf(role.inputs['assumeRolePolicy']).some(
    (s) => s.effect === 'Allow' && servicePrincipals(s).includes('sagemaker.amazonaws.com'),
  );

/** The ARN of a customer-managed policy of the plan: its ID when known, else built from its path and name. */
const managedPolicyArn = (p: Res, account: string | undefined): string | undefined =>
  p.id?.startsWith('arn:')
    ? p.id
    : account
      ? `arn:aws:iam::${account}:policy${str(p.inputs['path']) ?? '/'}${physicalName(p)}`
      : undefined;

/**
 * IAM-6: a boundary caps the role only if it is the security layer's boundary policy. An AWS-managed policy
 * (AdministratorAccess) or another account's caps nothing of ours. Over the whole environment the boundary must
 * be the security layer's published notebookBoundaryArn (or one of its managed policies); under the engine,
 * where another stack's policies cannot be seen, it must at least be a customer-managed policy of this account.
 */
export function boundaryProblem(env: Env, boundary: string | undefined): string | undefined {
  if (!boundary) return 'without a permissions boundary';
  if (AWS_MANAGED.test(boundary))
    return `bounded by ${boundary}, an AWS-managed policy, not the security layer's boundary policy`;
  const account = env.settings.accountId;
  const owner = /^arn:[^:]+:iam::(\d{12}):policy\//.exec(boundary)?.[1];
  if (account && owner !== account)
    return `bounded by ${boundary}, which is not a policy of account ${account}`;
  if (env.scope !== 'environment') return undefined;
  const published = str(env.outputs.security?.['notebookBoundaryArn']);
  const own = ofType(env, T.policy)
    .filter((p) => p.layer === 'security')
    .map((p) => managedPolicyArn(p, account));
  const expected = published ? [published] : own;
  return expected.includes(boundary)
    ? undefined
    : `bounded by ${boundary}, not the security layer's boundary policy (${expected.join(', ') || 'none found'})`;
}

/** The services a statement names in iam:PassedToService, lower-cased as IAM compares them. */
const passedToServices = (s: Statement): string[] => [
  ...new Set(
    Object.values(s.conditions).flatMap((keys) =>
      Object.entries(keys)
        .filter(([k]) => k.toLowerCase() === 'iam:passedtoservice')
        .flatMap(([, values]) => values.map((v) => v.toLowerCase())),
    ),
  ),
];

/** The ARN IAM gives a role of the plan (`arn:aws:iam::<account>:role<path><name>`). */
const roleArnOf = (role: Res, account: string | undefined) =>
  `arn:aws:iam::${account ?? '*'}:role${str(role.inputs['path']) ?? '/'}${physicalName(role)}`;

/**
 * IAM-5: the services the roles a PassRole statement names trust, the only ones they may be passed to. A role
 * outside the stack (the guardrail names the security layer's notebook role) is the notebook's execution role,
 * which only SageMaker assumes.
 * AWS: IAM user guide, "Grant a user permissions to pass a role to an AWS service" (iam:PassedToService)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
function trustedServicesOf(env: Env, s: Statement): string[] {
  const roles = ofType(env, T.role).filter((role) =>
    s.resources.some((pattern) => globMatch(pattern, roleArnOf(role, env.settings.accountId), true)),
  );
  const trusted = roles.flatMap((role) =>
    statementsOf(role.inputs['assumeRolePolicy'])
      .filter((t) => t.effect === 'Allow')
      .flatMap(servicePrincipals),
  );
  return trusted.length ? [...new Set(trusted.map((t) => t.toLowerCase()))] : ['sagemaker.amazonaws.com'];
}

export const iamControls: Control[] = [
  resourceControl({
    id: 'IAM-1',
    standards: ['IAM.1'],
    check: 'no identity policy allows Action "*" on Resource "*"',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter(
            (s) =>
              s.effect === 'Allow' &&
              s.resources.includes('*') &&
              (s.actions.includes('*') || s.notActions.length > 0),
          )
          .map((s) =>
            finding(
              r,
              `${p.where} statement ${sid(s)} allows every action on every resource`,
              'grant the actions the principal needs on the ARNs it needs',
            ),
          ),
      ),
  }),
  resourceControl({
    id: 'IAM-2',
    standards: ['IAM.21', 'CKV2_AWS_68'],
    check: 'no customer-managed or inline policy allows a whole service ("service:*" or "*")',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter((s) => s.effect === 'Allow')
          .flatMap((s) =>
            s.actions
              .filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a))
              .map((a) =>
                finding(
                  r,
                  `${p.where} statement ${sid(s)} allows ${a}`,
                  `list the ${a.split(':')[0] ?? ''} actions the principal needs instead of ${a}`,
                ),
              ),
          ),
      ),
  }),
  resourceControl({
    id: 'IAM-3',
    standards: ['confused deputy'],
    check:
      'every service-role trust policy is scoped to the environment\'s account: no request on behalf of another account satisfies it (aws:SourceAccount or aws:SourceArn required, not only if sent, not inverted, not a wildcard), except the trusts AWS documents as unable to carry one (trust-exceptions.ts, each by role name with its AWS page), which allow no other statement; and no trust admits Principal "*" or a principal of another account',
    examines: [T.role],
    inspect: (r, env) => {
      const account = env.settings.accountId;
      const allows = statementsOf(r.inputs['assumeRolePolicy']).filter((s) => s.effect === 'Allow');
      const excepted = allows.find((s) => trustException(physicalName(r), s));
      return allows.flatMap((s) => {
        const problems = [
          servicePrincipals(s).length > 0 ? trustProblem(physicalName(r), s, account) : undefined,
          isWildcardPrincipal(s) && admitsAnotherAccount(s, account)
            ? `admits Principal "*": ${whyUnscoped(s, account)}`
            : undefined,
          foreignPrincipals(s, account).length
            ? `admits ${foreignPrincipals(s, account).join(', ')}, of another account than ${account ?? ''}`
            : undefined,
          excepted && s !== excepted
            ? `sits beside the ${trustException(physicalName(r), excepted)?.rolePurpose ?? ''} exception, which allows no other statement in the trust`
            : undefined,
        ].filter((p): p is string => !!p);
        return problems.map((problem) =>
          finding(
            r,
            `trust statement ${sid(s)} ${problem}`,
            'trust only the service, with Condition StringEquals aws:SourceAccount = the account ID (and aws:SourceArn where the service sends it); never another account or "*"',
          ),
        );
      });
    },
  }),
  resourceControl({
    id: 'IAM-4',
    standards: ['least privilege'],
    check:
      'no AWS-managed policy is attached to any role (managedPolicyArns or an attachment), except the allow-list of iam.ts, empty today',
    examines: [T.role, T.rolePolicyAttachment, T.policyAttachment],
    inspect(r) {
      const arns =
        r.type === T.role ? strings(r.inputs['managedPolicyArns']) : strings(r.inputs['policyArn']);
      return arns
        .filter((a) => AWS_MANAGED.test(a) && !allowedManaged(a))
        .map((a) =>
          finding(
            r,
            `attaches ${a}`,
            'replace it with a customer-managed policy that lists the actions and resources the role needs',
          ),
        );
    },
  }),
  resourceControl({
    id: 'IAM-5',
    standards: ['least privilege'],
    check:
      'iam:PassRole is granted only with an iam:PassedToService condition, and every service it names (or a deny of passing a role exempts) is one the passed role trusts (sagemaker.amazonaws.com when the role is not in the stack)',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter((s) => grants(s, 'iam:PassRole'))
          .flatMap((s) => {
            const services = passedToServices(s);
            const trusted = trustedServicesOf(env, s);
            if (s.effect === 'Allow') {
              if (canHold(s.conditions, { 'iam:passedtoservice': [undefined, [UNFORESEEN_SERVICE]] }))
                return [
                  finding(
                    r,
                    `${p.where} statement ${sid(s)} allows iam:PassRole to any service`,
                    'add Condition StringEquals iam:PassedToService = sagemaker.amazonaws.com',
                  ),
                ];
              const beyond = services.filter(
                (v) => !trusted.includes(v) && canHold(s.conditions, { 'iam:passedtoservice': [[v]] }),
              );
              return beyond.length
                ? [
                    finding(
                      r,
                      `${p.where} statement ${sid(s)} allows iam:PassRole to ${beyond.join(', ')}, which the role does not trust (${trusted.join(', ')})`,
                      `name only ${trusted.join(', ')} in iam:PassedToService`,
                    ),
                  ]
                : [];
            }
            const exempted = services.filter(
              (v) =>
                !trusted.includes(v) &&
                !alwaysHolds(s.conditions, { 'iam:passedtoservice': [[v]] }) &&
                canHold(s.conditions, { 'iam:passedtoservice': [[UNFORESEEN_SERVICE]] }),
            );
            return exempted.length
              ? [
                  finding(
                    r,
                    `${p.where} deny ${sid(s)} lets the role be passed to ${exempted.join(', ')}, which it does not trust (${trusted.join(', ')})`,
                    `exempt only ${trusted.join(', ')} in the deny's iam:PassedToService`,
                  ),
                ]
              : [];
          }),
      ),
  }),
  stackControl({
    id: 'IAM-6',
    standards: ['delegation'],
    check:
      "the notebook execution role (the role SageMaker assumes, and the roleArn of every notebook) has the security layer's boundary policy as its permissions boundary (not an AWS-managed policy, not another account's)",
    perLayer:
      "the engine checks every role that trusts sagemaker.amazonaws.com in its stack (the notebook stack: one role per notebook) has a customer-managed boundary of this account; offline, the roleArn of each notebook is followed to its role and the boundary must be the security layer's notebookBoundaryArn",
    examines: [T.role, T.notebook],
    evaluate(env) {
      const roles = ofType(env, T.role);
      const found: Finding[] = [];
      const executionRoles = new Set(roles.filter(trustsSageMaker));
      if (env.scope === 'environment') {
        for (const nb of ofType(env, T.notebook)) {
          const name = roleNameOfArn(str(nb.inputs['roleArn']));
          const role = roles.find((r) => physicalName(r) === name);
          if (role) executionRoles.add(role);
          else
            found.push(
              finding(
                nb,
                `roleArn ${show(nb.inputs['roleArn'])} is not a role of this environment`,
                "give each notebook its own execution role in the notebook layer (under the security layer's notebookRolePath and boundary)",
              ),
            );
        }
      }
      for (const role of executionRoles) {
        const problem = boundaryProblem(env, str(role.inputs['permissionsBoundary']));
        if (problem)
          found.push(
            finding(
              role,
              `is a notebook execution role ${problem}`,
              'set permissionsBoundary to the notebook boundary policy of the security layer (notebookBoundaryArn)',
            ),
          );
      }
      if (owns(env, 'notebook') && executionRoles.size === 0)
        found.push(
          missing(
            'notebook layer',
            'no role trusts sagemaker.amazonaws.com: there is no notebook execution role',
            'create each notebook its own execution role in the notebook layer',
          ),
        );
      return found;
    },
  }),
  stackControl({
    id: 'IAM-7',
    standards: ['preventive'],
    check:
      "a managed guardrail policy (and, over the environment, its SCP form) refuses, on a notebook of any name and whatever else the sender chooses (judged by the condition evaluator), CreateNotebookInstance with direct internet or root access, outside the private subnets or notebook security group (or without them), with another lifecycle configuration (or none), IMDSv1, another volume key or an unlisted instance type; UpdateNotebookInstance enabling root, IMDSv1, another lifecycle configuration or an unlisted type; and every create, update and delete of a lifecycle configuration; refuses a person (any principal but the deployment roles the SCP exempts) every create, update and delete of a notebook, even a compliant one; iam:PassRole of a notebook role, and opening, starting and stopping a notebook of any name, that is not their own (owner tag) or without an owner tag on either side; every write of the secure-ml:owner tag key in any case (IAM and SageMaker tagging, roles and users created with it) and the key as a session tag outside SAML federation and IAM Identity Center's roles; every write of an IAM SAML or OIDC identity provider, and creating a role under IAM Identity Center's path, the owner role path or the notebook role path, or changing whom one trusts; using a notebook from an owner-tagged session of a role outside Identity Center's and the owner role path; opening a notebook from a network the notebook layer does not configure (its opening deny names exactly secure-ml-notebook:ownerSourceCidrs and the network's notebook endpoints); and iam:PassRole of a notebook execution role for anything but a notebook instance; lets an owner open (from a configured network), start and stop their own notebook, pass its role (whether or not the request names the notebook) and receive the tag from SAML federation and on an IAM Identity Center role; and lets each exempt deployment role's fully compliant create and update through; and (issue 15), in the IAM form (its job guardrail policy) and the SCP documents together, refuses every CreateTrainingJob, CreateProcessingJob and CreateHyperParameterTuningJob outside the job pins JOB-4 judges (subnets, job group, volume and output keys, inter-container encryption, network isolation, each with its Null deny), to everyone, and lets a compliant job through where the network layer publishes a job group",
    perLayer:
      "the engine checks the guardrail stack's policy for every pin and its form; offline, each pin's values are also checked against the network layer's subnets and group, the security layer's data key and the notebook layer's lifecycle configuration, and the SCP document is checked too",
    examines: [T.policy],
    evaluate(env) {
      if (!owns(env, 'guardrail')) return [];
      // The guardrail layer's own policies: a boundary or a key grant of another layer is no guardrail.
      const policies = ofType(env, T.policy)
        .filter((p) => env.scope !== 'environment' || p.layer === 'guardrail')
        .map((p) => {
          const statements = statementsOf(p.inputs['policy']);
          return { p, gaps: missingPins(statements, pinValuesOf(env, statements)) };
        });
      const closest = policies.sort((a, b) => a.gaps.length - b.gaps.length)[0];
      // The rules for people, in whichever guardrail policies hold them: a person is attached to every one (the
      // notebook and the job guardrail), so they are judged together, as the SCP documents are.
      const held = policies.flatMap(({ p }) => statementsOf(p.inputs['policy']));
      const heldValues = pinValuesOf(env, held);
      const heldRole = unforeseenNotebookRole(env, held);
      const people = personMay(held, heldValues, heldRole);
      const lockout = ownerRefusals(held, heldValues, heldRole);
      const networks = openingNetworkProblems(env, held, 'its policies');
      const found: Finding[] = [];
      if (!closest)
        found.push(
          missing('guardrail layer', 'no managed policy denies unsafe notebook creation', GUARDRAIL_FIX),
        );
      else {
        if (closest.gaps.length)
          found.push(
            finding(
              closest.p,
              `does not deny ${closest.gaps.map((g) => g.what).join('; ')}`,
              fixFor(closest.gaps),
            ),
          );
        // Named on the closest policy, with the others a person holds beside it (where a deny may have gone).
        const beside = policies.filter(({ p }) => p !== closest.p).map(({ p }) => label(p));
        const together = (message: string) =>
          beside.length ? `with ${beside.join(', ')} beside it, ${message}` : message;
        if (people.length) found.push(finding(closest.p, together(peopleMessage(people)), PEOPLE_FIX));
        if (lockout.length) found.push(finding(closest.p, together(lockoutMessage(lockout)), LOCKOUT_FIX));
        for (const problem of networks) found.push(finding(closest.p, together(problem), NETWORKS_FIX));
        // The job pins (issue 15), in whichever guardrail policy holds them (the job guardrail); a person is
        // attached to every one, so a compliant job is judged against all of them together.
        const jobs = policies
          .map(({ p }) => ({ p, gaps: missingGuardrailJobPins(env, statementsOf(p.inputs['policy'])) }))
          .sort((a, b) => a.gaps.length - b.gaps.length)[0];
        const all = policies.flatMap(({ p }) => statementsOf(p.inputs['policy']));
        const refusedJobs = guardrailRefusesCompliantJobs(env, all);
        if (jobs && jobs.gaps.length)
          found.push(finding(jobs.p, `does not deny ${jobMessage(jobs.gaps)}`, jobPinsFix(jobs.gaps)));
        if (jobs && refusedJobs.length)
          found.push(finding(jobs.p, refusedJobsMessage(refusedJobs), REFUSED_JOBS_FIX));
      }
      if (env.scope === 'environment' && env.outputs.guardrail) {
        // The SCP documents (one per part of the guardrail) are attached side by side: judged as one.
        const scp = str(env.outputs.guardrail['guardrailScp']);
        const statements = SCP_OUTPUTS.flatMap((o) => {
          const doc = str(env.outputs.guardrail?.[o]);
          return doc ? statementsOf(doc) : [];
        });
        const values = pinValuesOf(env, statements);
        const gaps = missingPins(statements, values, { deploymentExemptFromLifecycleDeny: true });
        const role = unforeseenNotebookRole(env, statements);
        const people = personMay(statements, values, role);
        const lockout = ownerRefusals(statements, values, role);
        // Each deployment role the SCP exempts must get a compliant create and update through; with none, the
        // layer warns that attaching the SCP would stop the notebook deploy.
        const refused = [
          ...new Set(
            exemptedPrincipals(statements).flatMap((arn) => refusedCompliant(statements, values, arn)),
          ),
        ];
        if (!scp)
          found.push(missing('guardrail layer', 'publishes no SCP document (guardrailScp)', GUARDRAIL_FIX));
        else {
          if (gaps.length)
            found.push(
              missing(
                'guardrail layer',
                `its SCP document (guardrailScp) does not deny ${gaps.map((g) => g.what).join('; ')}`,
                fixFor(gaps),
              ),
            );
          if (people.length)
            found.push(missing('guardrail layer', `its SCP document ${peopleMessage(people)}`, PEOPLE_FIX));
          if (lockout.length)
            found.push(
              missing('guardrail layer', `its SCP document ${lockoutMessage(lockout)}`, LOCKOUT_FIX),
            );
          if (refused.length)
            found.push(
              missing('guardrail layer', `its SCP document ${refusedMessage(refused)}`, REFUSED_FIX),
            );
          for (const problem of openingNetworkProblems(env, statements, 'its SCP documents'))
            found.push(missing('guardrail layer', problem, NETWORKS_FIX));
          const jobGaps = missingGuardrailJobPins(env, statements);
          if (jobGaps.length)
            found.push(
              missing(
                'guardrail layer',
                `its SCP documents (${SCP_OUTPUTS.join(', ')}) do not deny ${jobMessage(jobGaps)}`,
                jobPinsFix(jobGaps),
              ),
            );
          const refusedJobs = guardrailRefusesCompliantJobs(env, statements);
          if (refusedJobs.length)
            found.push(
              missing(
                'guardrail layer',
                `its SCP documents: ${refusedJobsMessage(refusedJobs)}`,
                REFUSED_JOBS_FIX,
              ),
            );
        }
      }
      return found;
    },
  }),
];

const GUARDRAIL_FIX =
  'deploy the guardrail layer (packages/guardrail), whose policy denies each of these on Resource "*"';
const REFUSED_FIX =
  "pin each condition to this environment's own values (the network layer's subnets and group, the security layer's data key, the notebook layer's lifecycle configuration and instance type)";
const refusedMessage = (actions: readonly string[]) =>
  `refuses the deployment role it exempts even a compliant ${actions.join(' and ')} (this environment's own subnet, group, key, lifecycle configuration and instance type): the notebook layer could not deploy under it`;
const peopleMessage = (gaps: readonly string[]) =>
  `lets a person (any principal but the deployment roles) do what only the notebook layer's deployment may: ${gaps.join('; ')}`;
const lockoutMessage = (refused: readonly string[]) =>
  `refuses an owner what using their own notebook needs (StartNotebookInstance checks iam:PassRole of its role against the caller): ${refused.join('; ')}`;
const LOCKOUT_FIX =
  "compare the resource's owner tag with the caller's: StringNotEquals iam:ResourceTag/secure-ml:owner and aws:ResourceTag/secure-ml:owner \"${aws:PrincipalTag/secure-ml:owner, '(none)'}\" (the variable, not a literal); deny iam:AssociatedResourceArn outside notebook instances only when the key is present; exempt SAML federation (saml:aud) and IAM Identity Center's roles (NotResource arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*) from the session-tag deny; deny opening with NotIpAddressIfExists aws:SourceIp and StringNotEqualsIfExists aws:SourceVpce, the configured networks";
/**
 * The guardrail's opening deny must name exactly the networks the owner access policy names (the notebook layer's
 * ownerSourceCidrs, the network layer's notebook endpoints): a wider list admits opening from elsewhere, a
 * narrower one locks owners out of a network they were given. Compared over the environment only, where the
 * notebook layer's setting (from its stack file) and the network's outputs are known.
 */
function openingNetworkProblems(env: Env, statements: readonly Statement[], where: string): string[] {
  if (env.scope !== 'environment') return [];
  const problems: string[] = [];
  const ips = namedInOpeningDenies(statements, 'aws:sourceip');
  // Unknown without a notebook stack file (stack-settings.ts); unset in one is none.
  const cidrs = env.settings.ownerSourceCidrs;
  if (cidrs !== undefined && !sameSet(ips, cidrs))
    problems.push(
      `${where}: the opening deny admits aws:SourceIp ${JSON.stringify(ips)}, not exactly secure-ml-notebook:ownerSourceCidrs ${JSON.stringify(cidrs)}`,
    );
  const vpces = namedInOpeningDenies(statements, 'aws:sourcevpce');
  const endpoints = strings(env.outputs.network?.['notebookAccessEndpointIds']);
  if (!sameSet(vpces, endpoints))
    problems.push(
      `${where}: the opening deny admits aws:SourceVpce ${JSON.stringify(vpces)}, not exactly the network layer's notebookAccessEndpointIds ${JSON.stringify(endpoints)}`,
    );
  return problems;
}
const NETWORKS_FIX =
  'set secure-ml-guardrail:ownerSourceCidrs to the same list as secure-ml-notebook:ownerSourceCidrs (packages/guardrail/Pulumi.<env>.yaml) and redeploy the guardrail after the network layer';
const PEOPLE_FIX =
  "deny, on Resource \"*\", sagemaker:Create/Update/DeleteNotebookInstance* (the SCP may exempt the deployment roles by aws:PrincipalArn); iam:PassRole of the notebook role path and CreatePresignedNotebookInstanceUrl, DescribeNotebookInstance, Start- and StopNotebookInstance on notebook-instance/* unless the resource's secure-ml:owner tag equals ${aws:PrincipalTag/secure-ml:owner, '(none)'}; writes of the secure-ml:owner tag key (iam:Tag*, iam:Untag*, iam:CreateRole, iam:CreateUser, sagemaker:AddTags, sagemaker:DeleteTags, ForAnyValue:StringEqualsIgnoreCase aws:TagKeys) and sts:TagSession of it without saml:aud outside IAM Identity Center's roles; every IAM SAML and OIDC provider write (iam:CreateSAMLProvider, UpdateSAMLProvider, ... by name); iam:CreateRole and UpdateAssumeRolePolicy on arn:aws:iam::*:role/aws-reserved/*, and (the SCP may exempt the deployment roles) on the owner role path /secure-ml/<stem>/owners/ and the notebook role path; the notebook uses (PassRole, CreatePresignedNotebookInstanceUrl, Describe-, Start-, StopNotebookInstance) when aws:PrincipalTag/secure-ml:owner is present (Null false) and aws:PrincipalArn is neither an IAM Identity Center role nor under the owner role path or the notebook role path (ArnNotLike); CreatePresignedNotebookInstanceUrl unless from the configured networks; iam:PassRole of the notebook execution roles when iam:AssociatedResourceArn is present and not a notebook instance";
const jobMessage = (gaps: readonly JobPin[]) =>
  `${gaps.map((g) => g.what).join('; ')} (a job start: CreateTrainingJob, CreateProcessingJob, CreateHyperParameterTuningJob)`;
const refusedJobsMessage = (actions: readonly string[]) =>
  `refuses a fully compliant ${actions.join(', ')} (the private subnets, the job group, the data key, encryption and isolation): nobody under it could start a job, and in the SCP form, which binds the notebook roles too, no notebook`;
const REFUSED_JOBS_FIX =
  "pin each job key to this environment's own values (the network layer's private subnets and jobSecurityGroupIds, the security layer's data key): libs/shared/src/catalogue/job-pins.ts";
const fixFor = (gaps: readonly Pin[]) =>
  `add, each on Resource "*" and with no other condition: ${[...new Set(gaps.map((g) => g.form))].join('; ')}`;
