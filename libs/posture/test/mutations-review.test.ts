import { addStatement, bySid, describeMutations, set, statements, type Mutation, type Raw } from './mutate';

/**
 * The adversarial review's weakenings of the real layer sources, as edits of the real dev and prod plans: each
 * one got through `npm start` before its control was fixed (the review's number in brackets), and each must now
 * make exactly the controls listed fail, naming the resource.
 */
const PARTNER_ROOT = 'arn:aws:iam::444455556666:root';
const everyKeyOf = (arn: unknown) => String(arn).replace(/key\/.*$/, 'key/*');

const REVIEW: Mutation[] = [
  [
    ['IAM-6'],
    "[4] alice's notebook role bounded by AdministratorAccess instead of the boundary policy",
    set('alice-role', { permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    'alice-role (Role)',
  ],
  [
    ['IAM-4'],
    "[5] PowerUserAccess attached to bob's notebook role",
    set('bob-role', { managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
    'bob-role (Role)',
  ],
  [
    ['KMS-4'],
    "[6] alice's data-key grant widened to every key of the account (key/*)",
    statements(
      'alice-data-access',
      bySid('UseDataKeyThroughS3', (s) => ({ ...s, Resource: everyKeyOf(s['Resource']) })),
    ),
    'alice-data-access (RolePolicy)',
  ],
  [
    ['KMS-3'],
    "[7] the data key's policy admits another account's root",
    addStatement('data-key', {
      Sid: 'PartnerAccount',
      Effect: 'Allow',
      Principal: { AWS: PARTNER_ROOT },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    }),
    'data-key (Key)',
  ],
  [
    ['IAM-3'],
    "[24] bob's notebook role's trust adds another account's root",
    statements(
      'bob-role',
      (all: Raw[]) => [
        ...all,
        {
          Sid: 'PartnerAssumes',
          Effect: 'Allow',
          Principal: { AWS: PARTNER_ROOT },
          Action: 'sts:AssumeRole',
        },
      ],
      'assumeRolePolicy',
    ),
    'bob-role (Role)',
  ],
];

describe('the review table', () => {
  it('has every weakening the review found, by number', () => {
    expect(REVIEW).toHaveLength(5);
  });
});

describeMutations(REVIEW);
