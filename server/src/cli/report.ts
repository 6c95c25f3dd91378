// What `multiphase check` found, with 1-based lines and columns, ready for
// any output format.
import type { Finding, RuleCode, Severity } from '../core/findings';
import type { Span } from '../core/model';
import type { LineIndex } from '../core/text/lines';

export interface Region {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (as editors and SARIF count by default). */
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportedFinding extends Region {
  file: string;
  code: RuleCode;
  severity: Severity;
  message: string;
  fixable: boolean;
  related: (Region & { message: string })[];
}

export interface CheckReport {
  findings: ReportedFinding[];
  filesScanned: number;
  modulesFound: number;
  bytes: number;
  elapsedMs: number;
}

export function regionOf(lines: LineIndex, span: Span): Region {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function reportFindings(file: string, lines: LineIndex, findings: readonly Finding[]): ReportedFinding[] {
  return findings.map((f) => ({
    file,
    ...regionOf(lines, f.span),
    code: f.code,
    severity: f.severity,
    message: f.message,
    fixable: f.fixable,
    related: f.related.map((r) => ({ ...regionOf(lines, r.span), message: r.message })),
  }));
}

/** Warnings and errors fail the check (exit 1); information and hints do not. */
export function failsCheck(finding: { severity: Severity }): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
