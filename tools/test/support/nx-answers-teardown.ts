import { rmSync } from 'node:fs';

/** Jest globalTeardown: removes this run's Nx answers (./nx-answers-setup.ts). */
export default function teardown(): void {
  const answers = process.env['SECURE_ML_NX_ANSWERS'];
  if (answers) rmSync(answers, { recursive: true, force: true });
}
