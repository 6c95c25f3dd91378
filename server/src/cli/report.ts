// What `multiphase check` found, with 1-based lines and columns, ready for
// any output format.
import type { Finding, RuleCode, Severity } from '../core/findings';
import { STATE_SCOPE_NOTE, type ModuleState, type StateSummary } from '../core/analysis/moduleState';
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
  /** single-phase-init only: the module's process-wide state as this file shows it. */
  state?: ReportedState;
}

export interface ReportedState {
  summary: StateSummary;
  /** Always "this file only": one file cannot show state kept elsewhere. */
  scope: string;
  items: (Region & { kind: string; name: string; description: string; mutable: boolean })[];
}

export interface CheckReport {
  findings: ReportedFinding[];
  filesScanned: number;
  modulesFound: number;
  bytes: number;
  elapsedMs: number;
  /** Files whose result was kept from an earlier run (undefined: no cache). */
  reused?: number;
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
    ...(f.state ? { state: reportState(lines, f.state) } : {}),
  }));
}

function reportState(lines: LineIndex, state: ModuleState): ReportedState {
  return {
    summary: state.summary,
    scope: STATE_SCOPE_NOTE,
    items: state.items.map((i) => ({ ...regionOf(lines, i.span), kind: i.kind, name: i.name, description: i.description, mutable: i.mutable })),
  };
}

/** Warnings and errors fail the check (exit 1); information and hints do not. */
export function failsCheck(finding: { severity: Severity }): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
