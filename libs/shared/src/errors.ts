// The SDK's errors module alone (the same class as pulumi.RunError): the whole SDK costs a tool that only reads
// stack files, such as the wrapper, about 0.4 s to load.
import { RunError } from '@pulumi/pulumi/errors';

/**
 * An error the user can fix without reading our code. It extends pulumi.RunError so that the Pulumi CLI prints
 * the message alone, without a stack trace from deep inside the SDK.
 */
export class SecureMlError extends RunError {
  constructor(message: string) {
    super(message);
    this.name = 'SecureMlError';
  }
}

/** Configuration of a stack is invalid: the message lists every problem at once. */
export class ConfigError extends SecureMlError {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Throws one ConfigError listing every problem found in a stack's configuration file, or returns when there is
 * none. The shared loader and each layer's cross-setting checks report through it, in one format.
 */
export function assertNoConfigProblems(file: string, problems: readonly string[]): void {
  if (!problems.length) return;
  throw new ConfigError(
    `Invalid configuration in ${file} (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n` +
      problems.map((p) => `  - ${p}`).join('\n'),
    problems,
  );
}

/** An upstream stack does not publish what its contract promises. */
export class ContractError extends SecureMlError {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}
