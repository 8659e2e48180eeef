import type { Control } from '../model';
import { iamControls } from './iam';
import { jobControls } from './jobs';
import { kmsControls } from './kms';
import { loggingControls } from './logging';
import { networkControls } from './network';
import { notebookControls } from './notebook';
import { notebookPeopleControls } from './notebook-people';
import { notebookReachControls } from './notebook-reach';
import { ownerDenyControl } from './owner-access';
import { protectionControl } from './protection';
import { s3Controls } from './s3';

/** Every control of CONTROLS.md, in its order. */
export const CONTROLS: readonly Control[] = [
  ...notebookControls,
  ...notebookPeopleControls,
  ownerDenyControl,
  ...notebookReachControls,
  ...jobControls,
  ...kmsControls,
  ...iamControls,
  ...networkControls,
  ...loggingControls,
  ...s3Controls,
  protectionControl,
];

/** `NB-1` -> `nb-1`: the policy name of a control. */
export const policyName = (id: string): string => id.toLowerCase();
