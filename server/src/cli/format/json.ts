// `--format json`: an array of findings with 1-based positions, one object
// per finding with exactly the documented keys (`state` on single-phase-init
// findings only).
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport): string {
  const rows = report.findings.map(({ file, line, column, endLine, endColumn, code, severity, message, fixable, state }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    code,
    severity,
    message,
    fixable,
    // single-phase-init findings: what process-wide state the file shows for the module.
    ...(state ? { state } : {}),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
