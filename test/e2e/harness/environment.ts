// Everything one end-to-end run needs: code-server with the packaged .vsix
// installed, a temporary copy of the fixture workspace, and headless Debian
// Chromium driven by playwright-core. Torn down by `close()`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { installCodeServer, installExtension, startCodeServer, type CodeServer } from './codeServer';
import { packMinimalExtension } from './firstDiagnostic';
import { Workbench } from './workbench';

export const repoRoot = join(__dirname, '..', '..', '..');

/** CI (and anyone who sets these) must see the e2e fail rather than skip. */
export const mustRun = Boolean(process.env.CI || process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS);

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings of the fresh profile: quiet start-up, nothing fetched from a gallery. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  // A steady cursor and no hover delays keep the README screenshots the same from run to run.
  'editor.cursorBlinking': 'solid',
  'security.workspace.trust.startupPrompt': 'always',
};

export function packagedVsix(): string {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(repoRoot, `${name}-${version}.vsix`);
}

export function chromiumPath(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Why the e2e cannot run here, or undefined when it can. */
export function missingPrerequisite(): string | undefined {
  if (!chromiumPath()) return 'Debian chromium is not installed (apt-get install -y chromium)';
  if (!existsSync(packagedVsix())) return `${packagedVsix()} is missing: run \`npm run package\` (npm run test:e2e does)`;
  return undefined;
}

/**
 * Starts an environment for a mocha `before` hook; where the e2e cannot run,
 * skips the suite locally and fails it in CI (`mustRun`).
 */
export async function startOrSkip(suite: Mocha.Context, extraFiles: Record<string, string> = {}): Promise<E2eEnvironment> {
  const missing = missingPrerequisite();
  if (missing) {
    if (mustRun) throw new Error(`end-to-end test cannot run: ${missing}`);
    console.warn(`    skipped: ${missing}`);
    suite.skip();
  }
  return E2eEnvironment.start(extraFiles);
}

export class E2eEnvironment {
  private constructor(
    readonly workspace: string,
    private readonly scratch: string,
    private readonly stateDir: string,
    readonly codeServer: CodeServer,
    private readonly browser: BrowserContext,
    readonly page: Page,
    readonly workbench: Workbench,
  ) {}

  /**
   * The folder VS Code shows, named the same on every run so screenshots are
   * stable. `extraFiles` (workspace path to repository path) are copied in too.
   * Beside multiphase, the minimal extension of the first-diagnostic baseline
   * is installed (it reports on nothing but a file named probe.c).
   */
  static async start(extraFiles: Record<string, string> = {}): Promise<E2eEnvironment> {
    const launcher = installCodeServer();
    const scratch = mkdtempSync(join(tmpdir(), 'multiphase-e2e-'));
    const workspace = join(scratch, 'spam-project');
    cpSync(join(repoRoot, 'test/e2e/workspace'), workspace, { recursive: true });
    for (const [to, from] of Object.entries(extraFiles)) cpSync(join(repoRoot, from), join(workspace, to));
    const stateDir = join(scratch, 'code-server');
    mkdirSync(stateDir);
    const vsixes = [packagedVsix(), packMinimalExtension(scratch)];
    const options = { launcher, stateDir, vsixes, userSettings: USER_SETTINGS };
    const installed = installExtension(options);
    const count = installed.match(/successfully installed/g)?.length ?? 0;
    if (count !== vsixes.length) throw new Error(`installing ${vsixes.join(', ')} failed:\n${installed}`);
    const codeServer = await startCodeServer(options, workspace);
    const browser = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(codeServer.url);
    const workbench = new Workbench(page);
    await workbench.waitUntilLoaded();
    return new E2eEnvironment(workspace, scratch, stateDir, codeServer, browser, page, workbench);
  }

  file(relativePath: string): string {
    return join(this.workspace, relativePath);
  }

  read(relativePath: string): string {
    return readFileSync(this.file(relativePath), 'utf8');
  }

  /** Waits until a workspace file on disk satisfies `accept` (editors write asynchronously). */
  async waitForFile(relativePath: string, accept: (text: string) => boolean, what: string, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const text = existsSync(this.file(relativePath)) ? this.read(relativePath) : '';
      if (accept(text)) return text;
      if (Date.now() > deadline) throw new Error(`${relativePath} never ${what}; it holds:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the user settings file on disk has `id` set to `value`. */
  async waitForUserSetting(id: string, value: unknown, timeout = 30_000): Promise<void> {
    const file = join(this.stateDir, 'user-data', 'User', 'settings.json');
    const deadline = Date.now() + timeout;
    for (;;) {
      // settings.json may hold comments once VS Code writes it; a simple match is enough here.
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (text.includes(`${JSON.stringify(id)}: ${JSON.stringify(value)}`)) return;
      if (Date.now() > deadline) throw new Error(`${id} never became ${JSON.stringify(value)} in ${file}:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Lines of the extension host's logs that mention `text` (activation times, for timings). */
  extensionHostLog(text: string): string[] {
    const logs = join(this.stateDir, 'user-data', 'logs');
    if (!existsSync(logs)) return [];
    const files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((file) => /exthost[^/]*\.log$/.test(file));
    return files.flatMap((file) => readFileSync(join(logs, file), 'utf8').split('\n')).filter((line) => line.includes(text));
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
