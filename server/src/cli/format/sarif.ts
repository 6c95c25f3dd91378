// `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it: one run,
// the rule catalogue as tool.driver.rules (with helpUri), results with
// 1-based regions and paths relative to the checkout (%SRCROOT%).
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../../core/findings';
import { CATALOGUE, RULE_CODES } from '../../core/rules/catalogue';
import type { CheckReport, Region } from '../report';
import { toSlashes } from '../../files/walk';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://peps.python.org/pep-0489/';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `single-phase-init` -> `SinglePhaseInit` (SARIF rule names are identifiers). */
function ruleName(code: string): string {
  return code.replace(/(^|-)(\w)/g, (_m, _dash: string, ch: string) => ch.toUpperCase());
}

function sarifRegion(r: Region): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** Relative to `root` with forward slashes when inside it, else an absolute file URI. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(root, file);
  const rel = relative(root, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { uri: toSlashes(rel).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

export function formatSarif(report: CheckReport, version: string, root: string = process.cwd()): string {
  const rules = RULE_CODES.map((code): ReportingDescriptor => {
    const rule = CATALOGUE[code];
    return {
      id: code,
      name: ruleName(code),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.description },
      helpUri: rule.docs,
      help: { text: `${rule.description}\n\nSee ${rule.docs}` },
      defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
      properties: { tags: ['pep489', 'c-extension'] },
    };
  });
  const results = report.findings.map((f): Result => {
    const location = artifactLocation(f.file, root);
    return {
      ruleId: f.code,
      ruleIndex: RULE_CODES.indexOf(f.code),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f) } }],
      ...(f.related.length
        ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: location, region: sarifRegion(r) } })) }
        : {}),
      properties: { fixable: f.fixable },
    };
  });
  // Typed against the SARIF 2.1.0 definitions (@types/sarif), so a field GitHub rejects fails the build.
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'multiphase', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
