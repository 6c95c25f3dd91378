// Conversion options, shared by the CLI flags and the editor settings.
export type GilOption = 'not_used' | 'used' | 'omit';
export type InterpretersOption = 'not_supported' | 'supported' | 'per_interpreter_gil' | 'omit';
export type GuardOption = 'auto' | 'always' | 'never';

export interface ConversionOptions {
  /** Oldest CPython the converted code must build on, as "3.8". */
  minimumPythonVersion: string;
  gil: GilOption;
  multipleInterpreters: InterpretersOption;
  reinitGuard: GuardOption;
}

export const DEFAULT_CONVERSION_OPTIONS: ConversionOptions = {
  minimumPythonVersion: '3.8',
  gil: 'not_used',
  multipleInterpreters: 'not_supported',
  reinitGuard: 'auto',
};

export const OPTION_VALUES = {
  gil: ['not_used', 'used', 'omit'],
  multipleInterpreters: ['not_supported', 'supported', 'per_interpreter_gil', 'omit'],
  reinitGuard: ['auto', 'always', 'never'],
} as const;

/** "3.12" -> 0x030C0000; undefined when malformed or outside 3.x. */
export function versionHex(version: string): number | undefined {
  const m = /^3\.(\d{1,2})$/.exec(version.trim());
  if (!m) return undefined;
  return 0x03000000 | (Number(m[1]) << 16);
}
