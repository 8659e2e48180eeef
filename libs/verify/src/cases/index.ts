export * from './types';
export { namesOf } from './names';
export { notebookRoleCases } from './notebook-role';
export { guardrailCases, type GuardrailFacts } from './guardrail';
export { delegationCases, platformIamGrant, type DelegationFacts } from './delegation';
export { jobCases, JOB_OWNER_TAG, type JobFacts } from './jobs';
export { guardrailScpDocuments, mergedDocuments, mergedTexts } from './guardrail-documents';
export { ownerCases, ownerBesideGuardrailCases, type OwnerFacts } from './owners';
