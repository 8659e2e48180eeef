import { outsideAddress, insideAddress } from './addresses';
import { namesOf } from './names';
import {
  ADMINISTRATOR_ACCESS,
  BROAD_SAGEMAKER,
  type AccessCase,
  type CaseFacts,
  type ContextValue,
  type Decision,
  type PolicyDocument,
} from './types';

/**
 * The owners (NB-10, NB-11 and IAM-7 for the owners, docs/CONTROLS.md): what a person whose session carries the
 * `secure-ml:owner` tag may do with notebooks. Under the notebook layer's owner access policy alone (subject
 * `owner`): describe, start, stop and open their own notebook from the configured networks, and nobody else's;
 * pass their notebook's role to SageMaker for it; put its interface in our subnet. Beside the guardrail
 * (`owner-guardrail`: the owner policy, the guardrail's IAM policy and `*`; `guardrail-scp`: `*` under the
 * guardrail's SCP documents): the same owner still opens and starts their own notebook, and every way to forge the
 * tag is refused. Each deny is tried with one condition broken and the rest satisfied.
 *
 * The table names whose documents decide a case, never the documents: offline the harness takes them from the
 * plans (`@secure-ml/verify/testing`), `verify` from IAM and the guardrail stack's outputs; a deny the guardrail
 * gains is in the documents both read, so the cases are decided with it without a change here.
 *
 * Resource tags travel as context entries (aws:ResourceTag/..., iam:ResourceTag/...): SimulateCustomPolicy
 * supplies "the corresponding value" of a context entry "whenever a context key is evaluated" and simulates
 * "resources that don't exist in your account", so it reads no tag from the resource itself ("SimulateCustomPolicy",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html; "ContextEntry",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html). `verify` still names the owners the
 * deployed notebooks carry, and a notebook without a tag by a name no notebook has, so that a simulator that also
 * read the real tags would answer the same (docs/runbook.md, "First deploy: what to confirm").
 */
export interface OwnerFacts extends CaseFacts {
  /** The `secure-ml:owner` tag of the case's notebook and its role (the notebooks output's `owner`). */
  readonly owner: string;
  /** The other notebook's owner tag, and its role. */
  readonly otherOwner: string;
  readonly otherNotebookRoleArn: string;
  /** The case notebook's job role: under the same path as its notebook role, never passable by its owner. */
  readonly jobRoleArn: string;
  /** A private subnet of the environment and the notebooks' security group (network layer). */
  readonly subnetId: string;
  readonly notebookSecurityGroupId: string;
  /** `secure-ml-notebook:ownerSourceCidrs`: the public networks owners open Jupyter from. */
  readonly sourceCidrs: readonly string[];
  /** The network's `notebookAccessEndpointIds`: the endpoints owners open through from inside; often none. */
  readonly sourceVpceIds: readonly string[];
}

/**
 * What an owner does with their notebook, written out here rather than imported from the owner access policy
 * (packages/notebook/src/owner-access.ts): the table is the independent witness, so an action the policy gains is
 * not silently tried as allowed.
 */
const OWNER_NOTEBOOK_ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
] as const;
const OPEN = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const OWNER_TAG = 'secure-ml:owner';
const FOREIGN_VPCE = 'vpce-0f0e1d2c3b4a59687';
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
/** The IAM Identity Center role a person signs in with (hypothetical: the cases are decided for any such role). */
const PERSON_ROLE = 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookOwner_0123456789abcdef';

// The statements each case proves, by Sid: the owner access policy's and the guardrail's (people.ts).
const OWN_NOTEBOOK_ONLY = 'OwnNotebookOnly';
const NO_OTHER_NOTEBOOK = 'NoOtherNotebook';
const OPEN_FROM_NETWORKS = 'OpenFromConfiguredNetworksOnly';
const PASS_OWN_ROLE = 'PassOwnNotebookRoleToStart';
const INTERFACE_FOR_START = 'NotebookInterfaceForStart';
const OTHERS_NOTEBOOK_DENY = 'DenyUsingOthersNotebook';
const OWNER_TAG_WRITES_DENY = 'DenyOwnerTagWrites';
const OWNER_SESSION_TAG_DENY = 'DenyOwnerSessionTags';
const PASS_OUTSIDE_NOTEBOOK_DENY = 'DenyPassingNotebookRoleOutsideNotebook';
const IDENTITY_PROVIDER_WRITES_DENY = 'DenyIdentityProviderWrites';
const OPENING_OUTSIDE_NETWORKS_DENY = 'DenyOpeningOutsideNetworks';
const OWNERS_OUTSIDE_OWNER_ROLES_DENY = 'DenyOwnersOutsideOwnerRoles';

type Context = Record<string, ContextValue>;

/** One request of the owner: who asks (their owner tag), about what (its owner tag), from where. */
interface Ask {
  readonly action: string;
  readonly resource: string;
  /** The caller's owner tag; absent: a caller without one. */
  readonly caller?: string;
  /** The resource's owner tag; absent: a resource without one. */
  readonly owner?: string;
  readonly network?: { readonly sourceIp?: string; readonly sourceVpce?: string };
  readonly extra?: Context;
}

function contextOf(f: OwnerFacts, ask: Ask): Context {
  const resourceTag = ask.action === 'iam:PassRole' ? 'iam:ResourceTag' : 'aws:ResourceTag';
  return {
    'aws:PrincipalArn': namesOf(f).role(PERSON_ROLE),
    ...(ask.caller === undefined ? {} : { [`aws:PrincipalTag/${OWNER_TAG}`]: ask.caller }),
    ...(ask.owner === undefined ? {} : { [`${resourceTag}/${OWNER_TAG}`]: ask.owner }),
    ...(ask.network?.sourceIp ? { 'aws:SourceIp': ask.network.sourceIp } : {}),
    ...(ask.network?.sourceVpce ? { 'aws:SourceVpce': ask.network.sourceVpce } : {}),
    ...ask.extra,
  };
}

/** The case's owner tag in other letters: tag values compare case-sensitively, so it is someone else. */
const inOtherLetters = (owner: string) =>
  owner.charAt(0).toUpperCase() + owner.slice(1) === owner
    ? owner.toLowerCase()
    : owner.charAt(0).toUpperCase() + owner.slice(1);

/** The requests of this environment's owner, with helpers to write each case as one request and one answer. */
function asker(f: OwnerFacts) {
  const n = namesOf(f);
  const notebook = (id: string, stem = f.stem) => n.notebook(n.notebookName(id, stem));
  // A notebook of the environment by a name no notebook has: it carries no owner tag.
  const untagged = `untagged-${f.notebookId}`;
  const fromOffice = f.sourceCidrs.length ? { sourceIp: insideAddress(f.sourceCidrs) } : undefined;
  /** The owner's request about a notebook (their own by default) from a configured network, if any. */
  const use = (id: string, more: Partial<Ask> = {}): Ask => ({
    action: OPEN,
    resource: notebook(id),
    caller: f.owner,
    owner: id === f.notebookId ? f.owner : id === f.otherNotebookId ? f.otherOwner : undefined,
    network: fromOffice ?? (f.sourceVpceIds[0] ? { sourceVpce: f.sourceVpceIds[0] } : {}),
    ...more,
  });
  const make =
    (subject: AccessCase['subject'], attached: readonly PolicyDocument[] = []) =>
    (name: string, expected: Decision, ask: Ask, statement?: string): AccessCase => ({
      name,
      expected,
      subject,
      action: ask.action,
      resource: ask.resource,
      context: contextOf(f, ask),
      ...(statement ? { statement } : {}),
      ...(attached.length ? { attached } : {}),
    });
  return { n, notebook, untagged, fromOffice, use, make };
}

/** Opening from each kind of network, and the deny each broken condition meets. */
function networkCases(f: OwnerFacts): AccessCase[] {
  const { use, make, fromOffice } = asker(f);
  const c = make('owner');
  const outside = { sourceIp: outsideAddress(f.sourceCidrs) };
  return [
    fromOffice
      ? c('opens her notebook from the configured network', 'Allowed', use(f.notebookId), OWN_NOTEBOOK_ONLY)
      : c(
          'opens her notebook over the internet (no network is configured)',
          'ExplicitlyDenied',
          use(f.notebookId, { network: outside }),
          OPEN_FROM_NETWORKS,
        ),
    c(
      'opens her notebook from another network',
      'ExplicitlyDenied',
      use(f.notebookId, { network: outside }),
      OPEN_FROM_NETWORKS,
    ),
    c(
      'opens her notebook with neither a source IP nor an endpoint',
      'ExplicitlyDenied',
      use(f.notebookId, { network: {} }),
      OPEN_FROM_NETWORKS,
    ),
    ...f.sourceVpceIds.map((id) =>
      c(
        `opens her notebook through endpoint ${id}`,
        'Allowed',
        use(f.notebookId, { network: { sourceVpce: id } }),
      ),
    ),
    c(
      f.sourceVpceIds.length
        ? 'opens her notebook through another endpoint'
        : 'opens her notebook through an endpoint (none is configured)',
      'ExplicitlyDenied',
      use(f.notebookId, { network: { sourceVpce: FOREIGN_VPCE } }),
      OPEN_FROM_NETWORKS,
    ),
  ];
}

/** Whose notebook: hers only, for every action, from every configured network, even with sagemaker:* beside. */
function notebookCases(f: OwnerFacts): AccessCase[] {
  const { use, make, n, untagged } = asker(f);
  const c = make('owner');
  const wide = make('owner', [BROAD_SAGEMAKER]);
  const networks = [
    ...(f.sourceCidrs.length ? [['', {}] as const] : []),
    ...f.sourceVpceIds.map((id) => [` through endpoint ${id}`, { network: { sourceVpce: id } }] as const),
  ];
  const single = [
    c(
      'opens the other notebook from the configured network',
      'ExplicitlyDenied',
      use(f.otherNotebookId),
      NO_OTHER_NOTEBOOK,
    ),
    c(
      'opens her notebook without the owner tag on her session',
      'ExplicitlyDenied',
      use(f.notebookId, { caller: undefined }),
      NO_OTHER_NOTEBOOK,
    ),
    c(
      'opens her notebook with her owner tag in other letters on her session',
      'ExplicitlyDenied',
      use(f.notebookId, { caller: inOtherLetters(f.owner) }),
      NO_OTHER_NOTEBOOK,
    ),
    c(
      'opens a notebook of the environment without an owner tag',
      'ExplicitlyDenied',
      use(untagged),
      NO_OTHER_NOTEBOOK,
    ),
    c(
      "opens a neighbouring environment's notebook tagged with her",
      'ImplicitlyDenied',
      use(f.notebookId, { resource: n.notebook(n.notebookName(f.notebookId, n.neighbour)) }),
    ),
  ];
  const perAction = OWNER_NOTEBOOK_ACTIONS.flatMap((action) =>
    networks.flatMap(([where, network]) => [
      c(
        `${action}${where}: her notebook`,
        'Allowed',
        use(f.notebookId, { action, ...network }),
        OWN_NOTEBOOK_ONLY,
      ),
      c(
        `${action}${where}: the other notebook`,
        'ExplicitlyDenied',
        use(f.otherNotebookId, { action, ...network }),
        NO_OTHER_NOTEBOOK,
      ),
    ]),
  );
  const besideSageMakerFull = OWNER_NOTEBOOK_ACTIONS.flatMap((action) => [
    wide(
      `${action} with sagemaker:* beside: the other notebook`,
      'ExplicitlyDenied',
      use(f.otherNotebookId, { action }),
      NO_OTHER_NOTEBOOK,
    ),
    wide(
      `${action} with sagemaker:* beside: an untagged notebook`,
      'ExplicitlyDenied',
      use(untagged, { action }),
      NO_OTHER_NOTEBOOK,
    ),
    wide(
      `${action} with sagemaker:* beside: her notebook, her session untagged`,
      'ExplicitlyDenied',
      use(f.notebookId, { action, caller: undefined }),
      NO_OTHER_NOTEBOOK,
    ),
  ]);
  return [...single, ...perAction, ...besideSageMakerFull];
}

/** What starting needs: her notebook's role passed to SageMaker for her notebook, an interface in our subnet. */
function startCases(f: OwnerFacts): AccessCase[] {
  const { make, notebook } = asker(f);
  const c = make('owner');
  const sagemaker = { 'iam:PassedToService': 'sagemaker.amazonaws.com' };
  const pass = (role: string, owner: string, more: Partial<Ask> = {}): Ask => ({
    action: 'iam:PassRole',
    resource: role,
    caller: f.owner,
    owner,
    extra: sagemaker,
    ...more,
  });
  const to = (arn: string) => ({ extra: { ...sagemaker, 'iam:AssociatedResourceArn': arn } });
  const trainingJob = `arn:${f.partition}:sagemaker:${f.region}:${f.account}:training-job/exfiltrate`;
  const eni = (rest: string): Ask => ({
    action: 'ec2:CreateNetworkInterface',
    resource: `arn:${f.partition}:ec2:${f.region}:${f.account}:${rest}`,
    caller: f.owner,
  });
  return [
    c('passes her notebook role to SageMaker', 'Allowed', pass(f.notebookRoleArn, f.owner), PASS_OWN_ROLE),
    c(
      'passes her notebook role for her notebook instance',
      'Allowed',
      pass(f.notebookRoleArn, f.owner, to(notebook(f.notebookId))),
      PASS_OWN_ROLE,
    ),
    c(
      'passes her notebook role to a training job',
      'ImplicitlyDenied',
      pass(f.notebookRoleArn, f.owner, to(trainingJob)),
      PASS_OWN_ROLE,
    ),
    c(
      "passes the other notebook's role",
      'ImplicitlyDenied',
      pass(f.otherNotebookRoleArn, f.otherOwner),
      PASS_OWN_ROLE,
    ),
    c(
      'passes her job role (same path, not a notebook role)',
      'ImplicitlyDenied',
      pass(f.jobRoleArn, f.owner),
      PASS_OWN_ROLE,
    ),
    c(
      'passes her notebook role to EC2',
      'ImplicitlyDenied',
      pass(f.notebookRoleArn, f.owner, { extra: { 'iam:PassedToService': 'ec2.amazonaws.com' } }),
      PASS_OWN_ROLE,
    ),
    c(
      'passes her notebook role without the owner tag on her session',
      'ImplicitlyDenied',
      pass(f.notebookRoleArn, f.owner, { caller: undefined }),
      PASS_OWN_ROLE,
    ),
    c(
      'creates the interface in a private subnet of the environment',
      'Allowed',
      eni(`subnet/${f.subnetId}`),
      INTERFACE_FOR_START,
    ),
    c(
      'creates the interface in the notebook security group',
      'Allowed',
      eni(`security-group/${f.notebookSecurityGroupId}`),
      INTERFACE_FOR_START,
    ),
    c(
      'creates the interface in a subnet of another VPC',
      'ImplicitlyDenied',
      eni(`subnet/${FOREIGN_SUBNET}`),
      INTERFACE_FOR_START,
    ),
  ];
}

/** The owner access cases under the owner access policy alone (NB-10, NB-11): `verify notebook` sends them. */
export function ownerCases(f: OwnerFacts): AccessCase[] {
  return [...networkCases(f), ...notebookCases(f), ...startCases(f)];
}

/**
 * The owner beside the guardrail, under each of its forms (IAM-7 for the owners): the IAM policy with the owner
 * policy and `*` beside it (what an over-privileged owner holds), and the SCP over an administrator with `*`
 * tagged as the owner. Her own notebook opens and starts; the other's, an untagged one, or hers by an untagged
 * caller do not; her role goes to her notebook, never to a training job; every way to forge the tag is refused,
 * while SAML federation still sets it. `verify guardrail` sends them.
 */
export function ownerBesideGuardrailCases(f: OwnerFacts): AccessCase[] {
  return (['owner-guardrail', 'guardrail-scp'] as const).flatMap((subject) => besideOneForm(f, subject));
}

function besideOneForm(f: OwnerFacts, subject: 'owner-guardrail' | 'guardrail-scp'): AccessCase[] {
  const { use, make, n, notebook, untagged } = asker(f);
  const form = subject === 'guardrail-scp' ? 'under the SCP' : 'under the IAM guardrail';
  const c = (name: string, expected: Decision, ask: Ask, statement?: string) =>
    make(subject, [ADMINISTRATOR_ACCESS])(`${form}: ${name}`, expected, ask, statement);
  const denyOthers = subject === 'guardrail-scp' ? OTHERS_NOTEBOOK_DENY : NO_OTHER_NOTEBOOK;
  const requestOwner = (key = OWNER_TAG, value = f.otherOwner): Context => ({
    'aws:TagKeys': [key],
    [`aws:RequestTag/${key}`]: value,
  });
  const pass = (role: string, owner: string, associated?: string): Ask => ({
    action: 'iam:PassRole',
    resource: role,
    caller: f.owner,
    owner,
    extra: {
      'iam:PassedToService': 'sagemaker.amazonaws.com',
      ...(associated ? { 'iam:AssociatedResourceArn': associated } : {}),
    },
  });
  const personRole = n.role('DataScientist');
  const identityCenterRole = n.role(PERSON_ROLE);
  const retag = (name: string, action: string, resource: string, extra: Context, statement: string) =>
    c(`${name}: refused`, 'ExplicitlyDenied', { action, resource, caller: f.owner, extra }, statement);
  const upper = OWNER_TAG.toUpperCase();
  // Without a configured network the owner policy refuses every opening (OpenFromConfiguredNetworksOnly); the
  // SCP form holds no owner policy.
  const opens = subject === 'guardrail-scp' || f.sourceCidrs.length > 0 || f.sourceVpceIds.length > 0;
  return [
    c(`${OPEN}: her notebook`, opens ? 'Allowed' : 'ExplicitlyDenied', use(f.notebookId)),
    c(
      'sagemaker:StartNotebookInstance: her notebook',
      'Allowed',
      use(f.notebookId, { action: 'sagemaker:StartNotebookInstance' }),
    ),
    ...[OPEN, 'sagemaker:StartNotebookInstance', 'sagemaker:StopNotebookInstance'].flatMap((action) => [
      c(`${action}: the other notebook`, 'ExplicitlyDenied', use(f.otherNotebookId, { action }), denyOthers),
      c(`${action}: an untagged notebook`, 'ExplicitlyDenied', use(untagged, { action }), denyOthers),
      c(
        `${action}: her notebook, her session untagged`,
        'ExplicitlyDenied',
        use(f.notebookId, { action, caller: undefined }),
        denyOthers,
      ),
    ]),
    c(
      'passes her notebook role for her notebook',
      'Allowed',
      pass(f.notebookRoleArn, f.owner, notebook(f.notebookId)),
    ),
    // If SageMaker names no resource (no AWS page says it does), the owner still starts her notebook.
    c('passes her notebook role naming no resource', 'Allowed', pass(f.notebookRoleArn, f.owner)),
    c("passes the other notebook's role", 'ExplicitlyDenied', pass(f.otherNotebookRoleArn, f.otherOwner)),
    c(
      'passes her notebook role to a training job',
      'ExplicitlyDenied',
      pass(
        f.notebookRoleArn,
        f.owner,
        `arn:${f.partition}:sagemaker:${f.region}:${f.account}:training-job/exfiltrate`,
      ),
      PASS_OUTSIDE_NOTEBOOK_DENY,
    ),
    retag(
      'her own IAM role retagged as the other owner',
      'iam:TagRole',
      personRole,
      requestOwner(),
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      'her own IAM user retagged as the other owner',
      'iam:TagUser',
      n.user('notebook-owner'),
      requestOwner(),
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      "the other notebook's role retagged as hers",
      'iam:TagRole',
      f.otherNotebookRoleArn,
      requestOwner(OWNER_TAG, f.owner),
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      "the other notebook's role's owner tag removed",
      'iam:UntagRole',
      f.otherNotebookRoleArn,
      { 'aws:TagKeys': [OWNER_TAG] },
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      'the other notebook retagged as hers',
      'sagemaker:AddTags',
      notebook(f.otherNotebookId),
      requestOwner(OWNER_TAG, f.owner),
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      'the other notebook retagged with the key in other letters',
      'sagemaker:AddTags',
      notebook(f.otherNotebookId),
      requestOwner('Secure-ML:Owner', f.owner),
      OWNER_TAG_WRITES_DENY,
    ),
    retag(
      'a session tagged as the other owner (AssumeRole with a session tag, key in capitals)',
      'sts:TagSession',
      personRole,
      requestOwner(upper),
      OWNER_SESSION_TAG_DENY,
    ),
    retag(
      'a new role tagged as the other owner, to assume it',
      'iam:CreateRole',
      n.role('owner-in-disguise'),
      requestOwner(),
      OWNER_TAG_WRITES_DENY,
    ),
    c(
      'an IAM SAML provider (saml:aud) setting the owner session tag',
      'Allowed',
      {
        action: 'sts:TagSession',
        resource: personRole,
        extra: { ...requestOwner(OWNER_TAG, f.owner), 'saml:aud': 'https://signin.aws.amazon.com/saml' },
      },
      OWNER_SESSION_TAG_DENY,
    ),
    // IAM Identity Center's own route may carry no saml:aud (packages/guardrail/src/policies/people.ts): its roles
    // are spared by their path, which nobody else may write.
    c(
      'IAM Identity Center setting the owner session tag on its role, without saml:aud',
      'Allowed',
      { action: 'sts:TagSession', resource: identityCenterRole, extra: requestOwner(OWNER_TAG, f.owner) },
      OWNER_SESSION_TAG_DENY,
    ),
    // Whoever writes an identity provider signs the owner session tag (review 5, R5-1).
    ...(
      [
        ['a SAML provider of her own created', 'iam:CreateSAMLProvider', 'saml-provider'],
        ["the platform's SAML provider given her metadata", 'iam:UpdateSAMLProvider', 'saml-provider'],
        ['an OIDC provider of her own created', 'iam:CreateOpenIDConnectProvider', 'oidc-provider'],
        [
          "her client added to the platform's OIDC provider",
          'iam:AddClientIDToOpenIDConnectProvider',
          'oidc-provider',
        ],
      ] as const
    ).map(([name, action, type]) =>
      c(
        `${name}: refused`,
        'ExplicitlyDenied',
        { action, resource: `arn:${f.partition}:iam::${f.account}:${type}/corp-idp`, caller: f.owner },
        IDENTITY_PROVIDER_WRITES_DENY,
      ),
    ),
    // A role of her own that trusts an account of hers, session-tagged there as the owner (outside the SCP's reach):
    // owner-tagged sessions count only from Identity Center's roles and the owner role path.
    c(
      `${OPEN}: her notebook, from a role of her own tagged as her outside the account`,
      'ExplicitlyDenied',
      use(f.notebookId, { extra: { 'aws:PrincipalArn': n.role('bridge') } }),
      OWNERS_OUTSIDE_OWNER_ROLES_DENY,
    ),
    // Opening from anywhere but the configured networks, whatever else she holds (review 5, R5-2).
    ...(f.sourceCidrs.length
      ? [
          c(
            `${OPEN}: her notebook from outside the configured networks`,
            'ExplicitlyDenied',
            use(f.notebookId, { network: { sourceIp: outsideAddress(f.sourceCidrs) } }),
            subject === 'guardrail-scp' ? OPENING_OUTSIDE_NETWORKS_DENY : undefined,
          ),
        ]
      : []),
  ];
}
