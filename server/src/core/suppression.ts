// Suppression comments: `// multiphase: ignore` silences every finding on its
// line and the next one; `/* multiphase: ignore[rule-code, other-code] */`
// silences only the rules named.
import type { RuleCode } from './findings';
import type { ModuleInfo } from './model';
import { ownCreation } from './rules/singlePhaseInit';
import type { LineIndex } from './text/lines';

const SUPPRESSION = /(?:\/\/|\/\*)\s*multiphase:\s*ignore(?:\[([^\]]*)\])?/g;

function lineText(text: string, lines: LineIndex, line: number): string {
  if (line < 0 || line >= lines.lineCount) return '';
  const start = lines.lineStart(line);
  const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  return text.slice(start, end);
}

function lineSuppresses(line: string, code: RuleCode): boolean {
  if (!line.includes('multiphase')) return false;
  for (const match of line.matchAll(SUPPRESSION)) {
    const codes = match[1];
    if (codes === undefined) return true;
    if (codes.split(',').some((named) => named.trim() === code)) return true;
  }
  return false;
}

/** Whether a finding starting at `offset` is silenced by a comment on its line or the line above. */
export function isSuppressed(text: string, lines: LineIndex, offset: number, code: RuleCode): boolean {
  const line = lines.positionAt(offset).line;
  return lineSuppresses(lineText(text, lines, line), code) || lineSuppresses(lineText(text, lines, line - 1), code);
}

export const SILENCED_MODULE = 'silenced by a "multiphase: ignore" comment';

/**
 * Whether the module's single-phase-init finding is silenced, so no front
 * end converts it: the comment that hides the finding also forbids the fix.
 */
export function isModuleSilenced(text: string, lines: LineIndex, module: ModuleInfo): boolean {
  const creation = ownCreation(module);
  return creation !== undefined && isSuppressed(text, lines, creation.span.start, 'single-phase-init');
}
