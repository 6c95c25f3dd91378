// Conversion options, shared by the CLI flags and the editor settings.
//
// The defaults follow the code: `gil: preserve` keeps what the module
// declared (PyUnstable_Module_SetGIL) or else what free-threaded builds
// already assume (Py_MOD_GIL_USED); `multipleInterpreters: auto` promises a
// per-interpreter GIL only when the file shows no process-wide state; and
// `reinitGuard: auto` keeps the original's re-import behaviour (see policy.ts).
export type GilOption = 'preserve' | 'not_used' | 'used' | 'omit';
export type InterpretersOption = 'auto' | 'not_supported' | 'supported' | 'per_interpreter_gil' | 'omit';
/** `always` is the old name of `error`, kept so existing settings and scripts still work. */
export type GuardOption = 'auto' | 'replay' | 'error' | 'never' | 'always';

export interface ConversionOptions {
  /** Oldest CPython the converted code must build on, as "3.8". */
  minimumPythonVersion: string;
  gil: GilOption;
  multipleInterpreters: InterpretersOption;
  reinitGuard: GuardOption;
  /**
   * Keep a Python 2 init (Py_InitModule, then the one exec function) where
   * the file had one; by default the Python 2 code the conversion touches
   * goes, since the converted module needs Python 3.5 or later anyway.
   */
  keepPython2: boolean;
}

export const DEFAULT_CONVERSION_OPTIONS: ConversionOptions = {
  minimumPythonVersion: '3.8',
  gil: 'preserve',
  multipleInterpreters: 'auto',
  reinitGuard: 'auto',
  keepPython2: false,
};

export const OPTION_VALUES = {
  gil: ['preserve', 'not_used', 'used', 'omit'],
  multipleInterpreters: ['auto', 'not_supported', 'supported', 'per_interpreter_gil', 'omit'],
  reinitGuard: ['auto', 'replay', 'error', 'never', 'always'],
} as const;

/** "3.12" -> 0x030C0000; undefined when malformed or outside 3.x. */
export function versionHex(version: string): number | undefined {
  const m = /^3\.(\d{1,2})$/.exec(version.trim());
  if (!m) return undefined;
  return 0x03000000 | (Number(m[1]) << 16);
}
