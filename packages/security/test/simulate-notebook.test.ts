/**
 * IAM simulation of the notebook role: its own policies under its boundary, then with broader policies attached.
 * The cases are the shared table that `verify` also asks IAM's simulator in the deployed account.
 */
import { notebookRoleCases } from '@secure-ml/verify/cases';
import { simulate } from './support/cases';
import { offlineCases } from './support/table';

const CASES = offlineCases(notebookRoleCases);

it('runs the whole shared table (its length written out, so that a dropped case fails here)', () => {
  expect(CASES).toHaveLength(40);
});

simulate('IAM simulation: the notebook role', [['the shared case table', CASES]]);
