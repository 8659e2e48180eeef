import { policyDocument, service, type PolicyDocument, type PolicyEnv } from './document';

const CREATE = 'sagemaker:CreateNotebookInstance';
const UPDATE = 'sagemaker:UpdateNotebookInstance';

/**
 * The guardrail for the people (or pipelines) who create notebooks. Its denies apply to every notebook
 * (`Resource: "*"`) and win over any allow those people have elsewhere, such as a broad SageMaker policy.
 *
 * A deny on a missing key is the point: `StringNotEquals` is true when the request does not carry the key, so a
 * request that omits `DirectInternetAccess` (whose API default is Enabled) is denied like one that enables it.
 *
 * UpdateNotebookInstance cannot change direct internet access, the subnet or the volume key (the API has no such
 * fields, and the request carries no such keys), so only root access is checked on update, and only when the
 * update sets it (`Null: false`): an update that leaves root access alone keeps the value checked at creation.
 */
export function guardrailPolicy(env: PolicyEnv, args: { readonly notebookRoleArn: string }): PolicyDocument {
  return policyDocument([
    {
      Sid: 'DenyNotebookWithDirectInternetAccess',
      Effect: 'Deny',
      Action: CREATE,
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' } },
    },
    {
      Sid: 'DenyNotebookWithRootAccess',
      Effect: 'Deny',
      Action: CREATE,
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' } },
    },
    {
      Sid: 'DenyNotebookUpdateEnablingRootAccess',
      Effect: 'Deny',
      Action: UPDATE,
      Resource: '*',
      Condition: {
        StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
        Null: { 'sagemaker:RootAccess': 'false' },
      },
    },
    {
      Sid: 'DenyNotebookOutsideVpc',
      Effect: 'Deny',
      Action: CREATE,
      Resource: '*',
      Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } },
    },
    {
      Sid: 'DenyNotebookWithoutVolumeKey',
      Effect: 'Deny',
      Action: CREATE,
      Resource: '*',
      Condition: { Null: { 'sagemaker:VolumeKmsKeyArn': 'true' } },
    },
    {
      // The notebook role may be handed to SageMaker, and only to SageMaker.
      Sid: 'PassNotebookRoleToSageMaker',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: args.notebookRoleArn,
      Condition: { StringEquals: { 'iam:PassedToService': service('sagemaker') } },
    },
    {
      // ...even when another policy allows more: an EC2 instance or a Lambda function with the notebook role would
      // reach the data outside the notebook's controls.
      Sid: 'DenyPassingNotebookRoleElsewhere',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: args.notebookRoleArn,
      Condition: { StringNotEquals: { 'iam:PassedToService': service('sagemaker') } },
    },
  ]);
}
