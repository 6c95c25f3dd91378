// The editor settings: their schema, defaults and validation. Pure, so the
// language server, the VS Code client's package.json check and tests all read
// one source of truth. Invalid values never throw: each one becomes an error
// message and falls back to its default.
import type { RuleCode } from './findings';
import type { EmbeddedOptions } from './embedded/hosts';
import { CATALOGUE, RULE_CODES } from './rules/catalogue';
import {
  DEFAULT_CONVERSION_OPTIONS,
  OPTION_VALUES,
  versionHex,
  type ConversionOptions,
  type GilOption,
  type GuardOption,
  type InterpretersOption,
} from './convert/options';

/** Severity a user may choose for a rule; `off` hides its findings. */
export type RuleSeveritySetting = 'off' | 'information' | 'warning' | 'error';
export const RULE_SEVERITY_VALUES: readonly RuleSeveritySetting[] = ['off', 'information', 'warning', 'error'];

export interface MultiphaseSettings {
  /** Oldest CPython the converted code must build on, as "3.8". */
  minimumPythonVersion: string;
  gil: GilOption;
  multipleInterpreters: InterpretersOption;
  reinitGuard: GuardOption;
  /** Keep a Python 2 init calling the exec function instead of removing the Python 2 code. */
  keepPython2: boolean;
  /** Glob patterns (relative to a workspace folder) of files never scanned. */
  exclude: string[];
  /** Severity per rule code; every code is present after validation. */
  severity: Record<RuleCode, RuleSeveritySetting>;
  /** Ask the editor to preview "convert all" instead of applying it at once. */
  previewConvertAll: boolean;
  /** C/C++ code blocks of .rst and .md documents are analysed and converted. */
  'embedded.docs': boolean;
  /** C in the string literals of .py files is analysed and converted. */
  'embedded.python': boolean;
}

/** The section name in `workspace/configuration` and in package.json. */
export const SETTINGS_SECTION = 'multiphase';

/** Oldest version multi-phase init exists in (PEP 489 landed in 3.5). */
const OLDEST_MULTI_PHASE_MINOR = 5;

/** The JSON-schema pattern of a version with multi-phase init: 3.5 to 3.9, then 3.10 to 3.99. */
export const MULTI_PHASE_VERSION_PATTERN = '^3\\.([5-9]|[1-9]\\d)$';

/** Whether `version` ("3.N") names a CPython that has multi-phase init. */
export function hasMultiPhaseInit(version: string): boolean {
  const hex = versionHex(version);
  return hex !== undefined && ((hex >> 16) & 0xff) >= OLDEST_MULTI_PHASE_MINOR;
}

function catalogueSeverity(code: RuleCode): RuleSeveritySetting {
  const severity = CATALOGUE[code].defaultSeverity;
  // The catalogue may say `hint`; settings offer no hint level, so show it as information.
  return severity === 'hint' ? 'information' : severity;
}

export const DEFAULT_SETTINGS: Readonly<MultiphaseSettings> = Object.freeze({
  minimumPythonVersion: DEFAULT_CONVERSION_OPTIONS.minimumPythonVersion,
  gil: DEFAULT_CONVERSION_OPTIONS.gil,
  multipleInterpreters: DEFAULT_CONVERSION_OPTIONS.multipleInterpreters,
  reinitGuard: DEFAULT_CONVERSION_OPTIONS.reinitGuard,
  keepPython2: DEFAULT_CONVERSION_OPTIONS.keepPython2,
  exclude: ['**/node_modules/**', '**/.git/**', '**/build/**', '**/.venv/**', '**/venv/**', '**/.tox/**', '**/.nox/**'],
  severity: Object.fromEntries(RULE_CODES.map((code) => [code, catalogueSeverity(code)])) as Record<RuleCode, RuleSeveritySetting>,
  // Off: a user who runs "convert all" expects it to convert, and VS Code's
  // preview starts with every entry unticked.
  previewConvertAll: false,
  'embedded.docs': true,
  'embedded.python': true,
});

/** One line per setting, for docs and for checking package.json `contributes.configuration`. */
export interface SettingDescription {
  key: keyof MultiphaseSettings;
  type: 'string' | 'boolean' | 'array' | 'object';
  enum?: readonly string[];
  description: string;
}

export const SETTINGS_SCHEMA: readonly SettingDescription[] = [
  { key: 'minimumPythonVersion', type: 'string', description: 'Oldest CPython version (as "3.8") the converted code must still build on; decides which newer C-API calls the rewrite may use (the new slots keep their #ifdef guards).' },
  {
    key: 'gil',
    type: 'string',
    enum: OPTION_VALUES.gil,
    description:
      'Py_mod_gil value written by conversions and quick fixes. preserve (default): the value the module declares through PyUnstable_Module_SetGIL, else Py_MOD_GIL_USED, which free-threaded builds already assume; not_used only once the module is audited for free-threading; used; or omit the slot.',
  },
  {
    key: 'multipleInterpreters',
    type: 'string',
    enum: OPTION_VALUES.multipleInterpreters,
    description:
      'Py_mod_multiple_interpreters value written by conversions and quick fixes. auto (default): per_interpreter_gil when the file shows no process-wide state, else not_supported; or not_supported, supported, per_interpreter_gil, omit. A replayed module always gets not_supported.',
  },
  {
    key: 'reinitGuard',
    type: 'string',
    enum: OPTION_VALUES.reinitGuard,
    description:
      'What a converted module does when imported again. auto (default): like the original — exec re-runs when m_size >= 0 or no state is found, and an m_size -1 module with state is replayed (the body runs once, later imports get a copy of its namespace); replay; error (a second load raises ImportError, numpy style; always is its deprecated old name); never (exec re-runs).',
  },
  {
    key: 'keepPython2',
    type: 'boolean',
    description:
      'Keep a Python 2 init in converted files that had one: it calls Py_InitModule, then the same exec function Python 3 uses. Off (default): the Python 2 code the conversion touches (the Python 2 init, its Py_InitModule branch, the Python 2 arms of the macros the init used) is removed, since the converted module needs Python 3.5 or later.',
  },
  { key: 'exclude', type: 'array', description: 'Glob patterns of files the workspace scan and "convert all" skip (in addition to .gitignore).' },
  { key: 'severity', type: 'object', enum: RULE_SEVERITY_VALUES, description: 'Severity per rule code: off, information, warning or error.' },
  {
    key: 'previewConvertAll',
    type: 'boolean',
    description:
      'Show "Convert All Modules in Workspace" in the Refactor Preview instead of applying it at once. VS Code (1.100) opens that preview with every module unticked: tick the ones to convert, then Apply. Modules left unticked are reported as not applied.',
  },
  { key: 'embedded.docs', type: 'boolean', description: 'Check and convert the C/C++ code blocks of reStructuredText and Markdown documents (.. code-block:: c, ``` c fences), as `multiphase check` does unless --no-docs.' },
  { key: 'embedded.python', type: 'boolean', description: 'Check and convert module inits written as C inside Python string literals (templates with {name}, %(name)s or #name# placeholders), as `multiphase check` does unless --no-python-strings.' },
];

export interface SettingsValidation {
  settings: MultiphaseSettings;
  /** One readable sentence per invalid value; empty when all is well. */
  errors: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function pickEnum<T extends string>(raw: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T, errors: string[]): T {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors.push(`${SETTINGS_SECTION}.${key}: ${describe(value)} is not one of ${allowed.join(', ')}; using "${fallback}".`);
  return fallback;
}

function pickVersion(raw: Record<string, unknown>, errors: string[]): string {
  const value = raw.minimumPythonVersion;
  const fallback = DEFAULT_SETTINGS.minimumPythonVersion;
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') {
    if (hasMultiPhaseInit(value)) return value.trim();
  }
  errors.push(`${SETTINGS_SECTION}.minimumPythonVersion: ${describe(value)} is not a CPython version 3.${OLDEST_MULTI_PHASE_MINOR} or later written as "3.N"; using "${fallback}".`);
  return fallback;
}

function pickExclude(raw: Record<string, unknown>, errors: string[]): string[] {
  const value = raw.exclude;
  const fallback = [...DEFAULT_SETTINGS.exclude];
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.filter((item) => item.trim() !== '');
  errors.push(`${SETTINGS_SECTION}.exclude: expected a list of glob patterns, got ${describe(value)}; using the default list.`);
  return fallback;
}

function pickBoolean(raw: Record<string, unknown>, key: 'previewConvertAll' | 'keepPython2' | 'embedded.docs' | 'embedded.python', errors: string[]): boolean {
  // `multiphase.embedded.docs` arrives nested ({embedded: {docs}}) from VS Code, flat from other clients.
  const [group, leaf] = key.split('.');
  const nested = leaf !== undefined && isRecord(raw[group!]) ? (raw[group!] as Record<string, unknown>)[leaf] : undefined;
  const value = raw[key] ?? nested;
  const fallback = DEFAULT_SETTINGS[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  errors.push(`${SETTINGS_SECTION}.${key}: expected true or false, got ${describe(value)}; using ${fallback}.`);
  return fallback;
}

function pickSeverity(raw: Record<string, unknown>, errors: string[]): Record<RuleCode, RuleSeveritySetting> {
  const severity = { ...DEFAULT_SETTINGS.severity };
  const value = raw.severity;
  if (value === undefined || value === null) return severity;
  if (!isRecord(value)) {
    errors.push(`${SETTINGS_SECTION}.severity: expected an object mapping rule codes to ${RULE_SEVERITY_VALUES.join('/')}, got ${describe(value)}; using the defaults.`);
    return severity;
  }
  for (const [code, level] of Object.entries(value)) {
    if (!(RULE_CODES as string[]).includes(code)) {
      errors.push(`${SETTINGS_SECTION}.severity: unknown rule code "${code}" (known: ${RULE_CODES.join(', ')}); ignored.`);
      continue;
    }
    const ruleCode = code as RuleCode;
    if (typeof level === 'string' && (RULE_SEVERITY_VALUES as string[]).includes(level)) {
      severity[ruleCode] = level as RuleSeveritySetting;
    } else if (level !== undefined && level !== null) {
      errors.push(`${SETTINGS_SECTION}.severity.${code}: ${describe(level)} is not one of ${RULE_SEVERITY_VALUES.join(', ')}; using "${severity[ruleCode]}".`);
    }
  }
  return severity;
}

/**
 * Turn whatever the client sent (the `multiphase` section, possibly null or
 * partly wrong) into complete settings plus a list of what was wrong.
 */
export function validateSettings(raw: unknown): SettingsValidation {
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { settings: cloneDefaults(), errors };
  if (!isRecord(raw)) {
    errors.push(`${SETTINGS_SECTION}: expected an object of settings, got ${describe(raw)}; using the defaults.`);
    return { settings: cloneDefaults(), errors };
  }
  const settings: MultiphaseSettings = {
    minimumPythonVersion: pickVersion(raw, errors),
    gil: pickEnum(raw, 'gil', OPTION_VALUES.gil, DEFAULT_SETTINGS.gil, errors),
    multipleInterpreters: pickEnum(raw, 'multipleInterpreters', OPTION_VALUES.multipleInterpreters, DEFAULT_SETTINGS.multipleInterpreters, errors),
    reinitGuard: pickEnum(raw, 'reinitGuard', OPTION_VALUES.reinitGuard, DEFAULT_SETTINGS.reinitGuard, errors),
    keepPython2: pickBoolean(raw, 'keepPython2', errors),
    exclude: pickExclude(raw, errors),
    severity: pickSeverity(raw, errors),
    previewConvertAll: pickBoolean(raw, 'previewConvertAll', errors),
    'embedded.docs': pickBoolean(raw, 'embedded.docs', errors),
    'embedded.python': pickBoolean(raw, 'embedded.python', errors),
  };
  return { settings, errors };
}

export function cloneDefaults(): MultiphaseSettings {
  return { ...DEFAULT_SETTINGS, exclude: [...DEFAULT_SETTINGS.exclude], severity: { ...DEFAULT_SETTINGS.severity } };
}

/** The part of the settings the converter reads. */
export function conversionOptionsFrom(settings: MultiphaseSettings): ConversionOptions {
  return {
    minimumPythonVersion: settings.minimumPythonVersion,
    gil: settings.gil,
    multipleInterpreters: settings.multipleInterpreters,
    reinitGuard: settings.reinitGuard,
    keepPython2: settings.keepPython2,
  };
}

/** Which embedded C the settings leave in. */
export function embeddedOptionsFrom(settings: MultiphaseSettings): EmbeddedOptions {
  return { docs: settings['embedded.docs'], pythonStrings: settings['embedded.python'] };
}
