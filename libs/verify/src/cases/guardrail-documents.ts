import type { PolicyDocument } from './types';

/**
 * The guardrail's SCP documents as its stack publishes them: every output named `guardrailScp…` (today the notebook
 * pins, the people rules and the job pins, packages/guardrail/src/policies/documents.ts), in the order published. Read by
 * prefix, so that a document the guardrail gains is validated and simulated without a change to its readers.
 */
export function guardrailScpDocuments(outputs: Readonly<Record<string, unknown>>): [string, string][] {
  return Object.entries(outputs).filter(
    (e): e is [string, string] => /^guardrailScp/.test(e[0]) && typeof e[1] === 'string',
  );
}

/**
 * Deny-only documents as one (the SCP documents; the guardrail's managed policies, which a person holds together):
 * all their statements side by side decide what each alone would.
 */
export function mergedDocuments(documents: readonly PolicyDocument[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: documents.flatMap((d) => d.Statement) };
}

/** Deny-only documents as JSON text (as a stack publishes them, or IAM returns them), as one. */
export const mergedTexts = (documents: readonly string[]): PolicyDocument =>
  mergedDocuments(documents.map((d) => JSON.parse(d) as PolicyDocument));
