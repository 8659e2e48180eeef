import { existsSync, readdirSync } from 'node:fs';
import definition from './environment-name.json';

/**
 * An environment is a set of stack files, `packages/<layer>/Pulumi.<env>.yaml`, and this is the one definition of
 * which names it may have (in ./environment-name.json): the layers refuse any other stack name, the Nx plugin makes a configuration of each such
 * file, and the offline plan and report plan and grade each. A file whose name does not fit is no environment.
 */
export const ENVIRONMENT_NAME = new RegExp(definition.environmentName);

/** `Pulumi.<env>.yaml`, with the environment as its one group. */
export const STACK_FILE = new RegExp(`^Pulumi\\.(${definition.environmentName.slice(1, -1)})\\.yaml$`);

/** The environment a file name is the stack file of, or undefined. */
export function environmentOfStackFile(fileName: string): string | undefined {
  return STACK_FILE.exec(fileName)?.[1];
}

/** The environments of one Pulumi project folder: one per stack file beside its Pulumi.yaml, sorted. */
export function environmentsOfProject(projectDir: string): string[] {
  if (!existsSync(projectDir)) return [];
  return readdirSync(projectDir)
    .map(environmentOfStackFile)
    .filter((e): e is string => e !== undefined)
    .sort();
}

/**
 * Reading a stack file (plan/stack-config.ts): its text parsed with YAML mistakes named by file, line and key, and
 * its config as the CLI hands it over. Here, beside the names, so that the tools and the real-path wrapper read
 * stack files without loading the mock engine of ./testing.
 */
export { parseStackFile, readStackConfig } from './plan/stack-config';
/** What parseStackFile throws for a file that is not YAML. */
export { ConfigError } from './errors';
