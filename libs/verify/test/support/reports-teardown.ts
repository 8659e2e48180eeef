import { rmSync } from 'node:fs';

/** Jest globalTeardown: removes this run's verify reports (./reports-setup.ts). */
export default function teardown(): void {
  const reports = process.env['SECURE_ML_VERIFY_REPORTS'];
  if (reports) rmSync(reports, { recursive: true, force: true });
}
