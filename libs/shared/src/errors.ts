import * as pulumi from '@pulumi/pulumi';

/**
 * An error the user can fix without reading our code. It extends pulumi.RunError so that the Pulumi CLI prints
 * the message alone, without a stack trace from deep inside the SDK.
 */
export class SecureMlError extends pulumi.RunError {
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

/** An upstream stack does not publish what its contract promises. */
export class ContractError extends SecureMlError {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}
