// Every project's `typecheck` target: TypeScript 7's native compiler (the npm alias `typescript7`) over the
// project's tsconfig.json. It reports the same errors as TypeScript 6 on this code (checked by injecting each kind
// of error this repository relies on: unchecked index access, implicit any, fallthrough, missing override, an
// Output where a string is expected, a wrong @pulumi/aws input) in about a fifth of the CPU time. TypeScript 6
// stays the `typescript` package: typescript-eslint, ts-node and Nx load its JavaScript API, which 7 dropped.
// The binary is named by its package, not as `tsc` on the PATH, which both packages claim.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The path of TypeScript 7's `tsc`: its package exports no bin path, but exports its package.json, which names it. */
export function compilerPath(): string {
  const manifest = require.resolve('typescript7/package.json');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: { tsc: string } };
  return path.join(path.dirname(manifest), bin.tsc);
}

/** Type-checks the tsconfig.json of the current folder (a project's); returns the compiler's exit status. */
export function main(argv: readonly string[]): number {
  const result = spawnSync(process.execPath, [compilerPath(), '-p', 'tsconfig.json', '--noEmit', ...argv], {
    stdio: 'inherit',
  });
  return result.status ?? 1;
}
