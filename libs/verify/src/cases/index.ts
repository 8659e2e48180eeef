export * from './types';
export { namesOf } from './names';
export { notebookRoleCases } from './notebook-role';
export { guardrailCases, type GuardrailFacts } from './guardrail';
export { delegationCases, platformIamGrant, type DelegationFacts } from './delegation';
