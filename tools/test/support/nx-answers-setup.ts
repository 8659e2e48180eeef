import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Jest globalSetup: a folder for this run's Nx answers (./nx.ts), inherited by every worker. */
export default function setup(): void {
  process.env['SECURE_ML_NX_ANSWERS'] = mkdtempSync(join(tmpdir(), 'sml-nx-answers-'));
}
