import {
  planForTest,
  readPlan,
  REPO_ROOT,
  type LayerPlan,
  type TestPlanOptions,
} from '@secure-ml/shared/testing';
import program from '../../src/index';

/**
 * The outputs the logging layer reads from an upstream layer in `stack`, as that layer's offline plan published
 * them (Nx plans security and network before this project's tests): what the tests compare against.
 */
export function upstreamOf(layer: 'security' | 'network', stack = 'dev'): Record<string, unknown> {
  return readPlan(REPO_ROOT, stack, layer).outputs;
}

/**
 * Warnings the programs logged (`pulumi.log.warn` prints to console.warn under the mocks), kept here instead
 * of cluttering the test output; a test that expects one reads it.
 */
export const warnings: string[] = [];
jest.spyOn(console, 'warn').mockImplementation((message: unknown) => {
  warnings.push(String(message));
});

/** Plans the logging layer (dev unless told) with its checked-in stack file, the real upstream plans and overrides. */
export function planLogging(options: TestPlanOptions = {}): Promise<LayerPlan> {
  return planForTest('logging', program, options);
}
