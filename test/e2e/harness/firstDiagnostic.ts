// Time from opening a file to its first diagnostic on screen, for multiphase
// and for a minimal extension (test/e2e/minimal) that publishes one warning
// as soon as probe.c opens: the baseline of what VS Code itself costs. Both
// are measured the same way (Enter in Quick Open to the first squiggle drawn)
// and printed, never asserted: a figure that cannot be measured is a warning.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Workbench } from './workbench';

const root = join(__dirname, '..', '..', '..');
/** Generous: under load the first multiphase diagnostic has taken 10–14 s. */
const MEASURE_TIMEOUT = 90_000;

/** Packs test/e2e/minimal into `dir` with vsce (half a second); returns the .vsix path. */
export function packMinimalExtension(dir: string): string {
  const vsix = join(dir, 'multiphase-e2e-minimal.vsix');
  execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: join(root, 'test', 'e2e', 'minimal'),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return vsix;
}

export interface FirstDiagnostic {
  /** Date.now() when the file was chosen in Quick Open. */
  openedAt: number;
  /** Milliseconds from then to the first squiggle; undefined when none came. */
  ms: number | undefined;
}

/**
 * Opens `relativePath` and times the first squiggle (any severity) the active
 * editor draws; warns, and leaves `ms` undefined, when none comes within
 * MEASURE_TIMEOUT.
 */
export async function timeFirstDiagnostic(workbench: Workbench, relativePath: string, who: string): Promise<FirstDiagnostic> {
  const openedAt = await workbench.openFile(relativePath);
  try {
    await workbench.allSquiggles().first().waitFor({ timeout: MEASURE_TIMEOUT });
    return { openedAt, ms: Date.now() - openedAt };
  } catch (error) {
    console.warn(`      warning: no first diagnostic from ${who} in ${relativePath} within ${MEASURE_TIMEOUT} ms, not measured (${String(error).split('\n')[0]})`);
    return { openedAt, ms: undefined };
  }
}

/**
 * When each extension was activated relative to the open, from the extension
 * host log lines `2026-01-02 03:04:05.678 [info] ExtensionService#_doActivateExtension id, ...`
 * (local time, as Date parses it). Helps tell start-up from analysis.
 */
export function activationsBeforeOpen(logLines: string[], openedAt: number): string[] {
  return logLines.flatMap((line) => {
    const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) .*_doActivateExtension ([\w.-]+), .*activationEvent: '([^']*)'/.exec(line.trim());
    if (!match) return [];
    const at = new Date(`${match[1]}T${match[2]}`).getTime();
    return [`${match[3]} activated ${openedAt - at} ms before the open (${match[4]})`];
  });
}

/** `first diagnostic: multiphase 1234 ms, minimal extension 987 ms (+247 ms)`. */
export function firstDiagnosticLine(multiphase: number | undefined, minimal: number | undefined): string {
  const shown = (ms: number | undefined): string => (ms === undefined ? 'not measured' : `${ms} ms`);
  const difference = multiphase !== undefined && minimal !== undefined ? ` (${multiphase >= minimal ? '+' : ''}${multiphase - minimal} ms)` : '';
  return `first diagnostic: multiphase ${shown(multiphase)}, minimal extension ${shown(minimal)}${difference}`;
}
