/**
 * The one condition evaluator of the pack: every control that asks what a policy means (is this trust scoped to
 * our account, does this deny hold for every request from outside the endpoint, may a key administrator decrypt)
 * asks it here. Permissive code only: the AGPL simulators stay in the tests, which check this evaluator against
 * them.
 */
export { conditionHolds, globMatch, parseOperator, type ContextValue } from './operators';
export {
  alwaysHolds,
  canHold,
  keysThatMayFail,
  keysThatMayHold,
  UNFORESEEN,
  type Candidates,
  type Conditions,
  type RequestKind,
} from './requests';
export {
  anyRequestWith,
  foreignAccountFor,
  onBehalfOfAnotherAccount,
  ordinaryPrincipalOutsideEndpoint,
  ordinaryPrincipalThroughEndpoint,
} from './kinds';
export { coversRequest, denyingStatements, grantingStatements, namesPrincipal, type Request } from './decide';
