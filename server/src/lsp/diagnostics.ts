// Findings (plain offsets) -> LSP diagnostics: ranges through the line index,
// the user's severity per rule, suppression comments, and the data a fix needs.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, RuleCode, Severity } from '../core/findings';
import type { Refusal } from '../core/convert/refusalCatalogue';
import { CATALOGUE } from '../core/rules/catalogue';
import { DEFAULT_SETTINGS, type MultiphaseSettings } from '../core/settings';
import type { LineIndex } from '../core/text/lines';
import { isSuppressed } from '../core/suppression';

export const DIAGNOSTIC_SOURCE = 'multiphase';

/** Carried in `Diagnostic.data` so a code action can find its finding again. */
export interface DiagnosticData {
  /** Document version the finding was computed for (null for files on disk). */
  version: number | null;
  code: RuleCode;
  module?: string;
  start: number;
  end: number;
  fixable: boolean;
  refusal?: Refusal[];
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The user's setting wins when they changed it; otherwise the rule's own (possibly raised) severity. */
function effectiveSeverity(finding: Finding, settings: MultiphaseSettings): Severity | 'off' {
  const chosen = settings.severity[finding.code];
  return chosen === DEFAULT_SETTINGS.severity[finding.code] ? finding.severity : chosen;
}

export function rangeOf(lines: LineIndex, start: number, end: number): Diagnostic['range'] {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

/** Findings the user wants to see: not switched off, not suppressed by a comment. */
export function visibleFindings(findings: readonly Finding[], text: string, lines: LineIndex, settings: MultiphaseSettings): Finding[] {
  return findings.filter(
    (finding) => effectiveSeverity(finding, settings) !== 'off' && !isSuppressed(text, lines, finding.span.start, finding.code),
  );
}

export function toDiagnostics(
  uri: string,
  version: number | null,
  text: string,
  lines: LineIndex,
  findings: readonly Finding[],
  settings: MultiphaseSettings,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of visibleFindings(findings, text, lines, settings)) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === 'off') continue;
    const data: DiagnosticData = {
      version,
      code: finding.code,
      module: finding.module,
      start: finding.span.start,
      end: finding.span.end,
      fixable: finding.fixable,
      refusal: finding.refusal,
    };
    diagnostics.push({
      range: rangeOf(lines, finding.span.start, finding.span.end),
      severity: LSP_SEVERITY[severity],
      code: finding.code,
      codeDescription: { href: CATALOGUE[finding.code].docs },
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
      relatedInformation: finding.related.map((related) => ({
        location: { uri, range: rangeOf(lines, related.span.start, related.span.end) },
        message: related.message,
      })),
      data,
    });
  }
  return diagnostics;
}
