// `--format json`: an array of findings with 1-based positions, one object
// per finding with exactly the documented keys.
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport): string {
  const rows = report.findings.map(({ file, line, column, endLine, endColumn, code, severity, message, fixable }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    code,
    severity,
    message,
    fixable,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
