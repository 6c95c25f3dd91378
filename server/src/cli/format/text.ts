// Text output: one `path:line:col: severity code: message` line per finding,
// then a summary of what was scanned and found.
import { RULE_CODES } from '../../core/rules/catalogue';
import type { CheckReport } from '../report';

export function formatTextFindings(report: CheckReport): string {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}\n`).join('');
}

export function formatTextSummary(report: CheckReport): string {
  const counts = new Map<string, number>();
  for (const f of report.findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const byCode = RULE_CODES.filter((code) => counts.has(code)).map((code) => `  ${code}: ${counts.get(code)}\n`);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `\n${plural(report.filesScanned, 'file')} scanned, ${plural(report.modulesFound, 'module')} found, ` +
    `${plural(report.findings.length, 'finding')} in ${seconds(report.elapsedMs)}\n${byCode.join('')}`
  );
}

export function formatStats(report: CheckReport): string {
  const reused = report.reused === undefined ? '' : `, reused: ${report.reused}`;
  return `files: ${report.filesScanned}, bytes: ${report.bytes}, time: ${seconds(report.elapsedMs)}${reused}\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
