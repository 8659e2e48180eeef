import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Jest globalSetup: one folder for the reports of this run's verify runs (./run.ts), inherited by every worker. */
export default function setup(): void {
  process.env['SECURE_ML_VERIFY_REPORTS'] = mkdtempSync(join(tmpdir(), 'sml-verify-reports-'));
}
