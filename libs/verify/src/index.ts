export * from './check';
export * from './clients';
export * from './context';
export { renderTable, toJson } from './report';
export { exitCodeOf, verifyLayer } from './verify';
export { contextEntries, simulateInAws } from './simulator';
export { validatePolicies } from './access-analyzer';
export { runVerify } from './cli';
export { READ_ONLY_ACTIONS, readOnlyPolicy } from './permissions';
