// Runs the built command line (dist/cli.js) as users do: a process of its
// own in a working folder, its output collected. The tests of `check` and
// `fix` share it instead of each spawning node the same way.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...args` in `cwd`, with `env` added to this process's environment. */
export function runCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
