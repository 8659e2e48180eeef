/** One line of the verify report: what was checked in the account, the result, and what AWS answered. */
export interface Check {
  /** The control or promise it proves (`KMS-1`, `access`, `delivery`), for the reader to find it in CONTROLS.md. */
  readonly id: string;
  readonly title: string;
  readonly result: 'pass' | 'fail' | 'skip';
  /** What AWS returned that decides the result, quoted so that a reader need not re-run the call. */
  readonly evidence: string;
}

export const pass = (id: string, title: string, evidence: string): Check => ({
  id,
  title,
  result: 'pass',
  evidence,
});
export const fail = (id: string, title: string, evidence: string): Check => ({
  id,
  title,
  result: 'fail',
  evidence,
});
export const skip = (id: string, title: string, evidence: string): Check => ({
  id,
  title,
  result: 'skip',
  evidence,
});

/** Pass when `ok`, fail otherwise, with the same evidence either way. */
export const expectThat = (ok: boolean, id: string, title: string, evidence: string): Check =>
  ok ? pass(id, title, evidence) : fail(id, title, evidence);
