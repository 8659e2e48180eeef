import { CONTROLS } from '../src/controls';
import { estimateCost } from '../src/cost';
import { evaluateAll } from '../src/evaluate';
import { loadEnvironment } from '../src/plans';
import { REPO_ROOT } from '../src/report/main';
import { environmentsIn } from '@secure-ml/shared/testing';

/**
 * The pack over the real offline plans of the four layers (Nx runs `plan` of every layer before this test):
 * what `npm start` reports. Fails until every layer meets every control.
 */
describe.each(environmentsIn(REPO_ROOT))('the %s environment', (stack) => {
  const env = loadEnvironment(REPO_ROOT, stack);
  const results = evaluateAll(env);

  it.each(CONTROLS.filter((c) => !c.advisory).map((c) => [c.id]))('passes %s', (id) => {
    const result = results.find((r) => r.id === id);
    expect(result?.findings.map((f) => `${f.message}. Fix: ${f.fix}`)).toEqual([]);
    if (!CONTROLS.find((c) => c.id === id)?.mayBeNotApplicable) expect(result?.status).toBe('pass');
  });

  it('has a fixed monthly cost estimate with nothing left unpriced', () => {
    const cost = estimateCost(env);
    expect(cost.unpriced).toEqual([]);
    expect(cost.total).toBeGreaterThan(0);
  });
});
