import type { Env } from '../model';

/** The AWS page a rule or check comes from. */
export interface Source {
  readonly title: string;
  readonly url: string;
}

/** Something AWS would reject (or ignore) at deploy time. */
export interface PreflightFinding {
  /** The rule's ID (`TRAIL-ROLE-TRUST`) or the check's (`POLICY-VALID`). */
  readonly rule: string;
  /** `name (Type)` of the resource at fault, or the environment. */
  readonly resource: string;
  readonly message: string;
  readonly source: Source;
}

/** One documented acceptance rule of AWS: a small function over the environment, with its page. */
export interface PreflightRule {
  readonly id: string;
  /** What AWS requires, in one sentence. */
  readonly requires: string;
  readonly source: Source;
  /** The problems, each a message naming the resource; none means AWS would accept it. */
  check(env: Env): { resource: string; message: string }[];
}
