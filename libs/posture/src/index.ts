/**
 * The posture library: controls, the CrossGuard policies built from them, the offline evaluator, the cost
 * estimate and the report. The policy pack itself (which starts a gRPC server) is src/pack.ts, never imported.
 */
export * from './model';
export { CONTROLS, policyName } from './controls';
export { POLICIES, describe } from './policies';
export { evaluateAll, evaluateControl } from './evaluate';
export { environmentOf, loadEnvironment, readPlans, settingsFor } from './plans';
export { estimateCost, PRICES, regionOf, type CostEstimate, type CostLine } from './cost';
export { buildReport, renderMarkdown, renderSummary, type PostureReport } from './report/render';
export { runReport } from './report/main';
export { PREFLIGHT_RULES, runPreflight, type PreflightFinding } from './preflight';
