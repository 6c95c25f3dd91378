// Runs a real VS Code (code-server) for the end-to-end test: installed once
// per machine into a cache folder by scripts/install-code-server.sh, started
// here on a free local port with fresh user-data and extensions folders.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Installs code-server if the cache lacks it; returns its launcher script. */
export function installCodeServer(): string {
  const output = execFileSync('bash', [join(root, 'scripts/install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  const launcher = output.trim().split('\n').pop();
  if (!launcher) throw new Error('scripts/install-code-server.sh printed no launcher path');
  return launcher;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  process: ChildProcess;
  /** Everything code-server printed, for the failure message. */
  log: () => string;
  stop: () => Promise<void>;
}

interface CodeServerOptions {
  launcher: string;
  /** Fresh folder holding user data, extensions and code-server's config. */
  stateDir: string;
  /** The packaged multiphase extension, and any others the run installs beside it. */
  vsixes: string[];
  userSettings: Record<string, unknown>;
}

function codeServerArgs(options: CodeServerOptions): string[] {
  return [
    options.launcher,
    '--config', join(options.stateDir, 'config.yaml'), // keeps it away from ~/.config
    '--user-data-dir', join(options.stateDir, 'user-data'),
    '--extensions-dir', join(options.stateDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/** Installs the .vsix files the way a user would, into this run's extensions folder. */
export function installExtension(options: CodeServerOptions): string {
  mkdirSync(join(options.stateDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(options.stateDir, 'config.yaml'), 'auth: none\ncert: false\n');
  writeFileSync(join(options.stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  return execFileSync(process.execPath, [...codeServerArgs(options), ...options.vsixes.flatMap((vsix) => ['--install-extension', vsix])], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export async function startCodeServer(options: CodeServerOptions, folder: string): Promise<CodeServer> {
  const port = await freePort();
  const args = [...codeServerArgs(options), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, folder];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // code-server prints "HTTP server listening on ..." once it accepts connections.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const check = (): void => {
      if (/HTTP server listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    process: child,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
