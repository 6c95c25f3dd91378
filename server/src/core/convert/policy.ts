// What a conversion promises and how it re-initialises, decided from the
// original code unless the user chose: the re-import policy, the
// Py_mod_multiple_interpreters and Py_mod_gil values, and one plain sentence
// for every behaviour difference that remains.
//
// Facts this rests on (CPython 3.8-3.13): a single-phase module with
// m_size -1 runs PyInit once per process and gives every later module object
// (re-import, legacy subinterpreter) a copy of the first module's dict; with
// m_size >= 0 PyInit simply runs again. A multi-phase exec runs for every
// module object.
import type { ModuleState } from '../analysis/moduleState';
import type { ConversionOptions } from './options';

/** never: exec re-runs; replay: the body runs once, later modules get a copy of its namespace; error: later loads raise ImportError. */
export type ReinitPolicy = 'never' | 'replay' | 'error';

export interface Decisions {
  policy: ReinitPolicy;
  /** Py_mod_multiple_interpreters value, or undefined to leave the slot out. */
  interpreters?: string;
  /** Py_mod_gil value, or undefined to leave the slot out. */
  gil?: string;
  /** One plain sentence per behaviour difference the converted module has. */
  differences: string[];
}

export interface DecisionInput {
  options: ConversionOptions;
  state: ModuleState;
  /** What the body rewrite saw the init write (statics, static types, registrations). */
  bodyState: readonly string[];
  /** The original m_size is negative (-1: "cannot be re-initialised"). */
  negativeSize: boolean;
  /** Value of a PyUnstable_Module_SetGIL call the conversion removed. */
  gilFromCode?: string;
  /** The def has m_traverse, m_clear or m_free. */
  hasTeardown: boolean;
  moduleName: string;
}

export const INTERPRETERS = {
  not_supported: 'Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED',
  supported: 'Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED',
  per_interpreter_gil: 'Py_MOD_PER_INTERPRETER_GIL_SUPPORTED',
} as const;

export const GIL = { not_used: 'Py_MOD_GIL_NOT_USED', used: 'Py_MOD_GIL_USED' } as const;

export function decide(input: DecisionInput): Decisions {
  const { options, state } = input;
  const hasState = state.items.length > 0 || input.bodyState.length > 0;
  const differences: string[] = [];
  const policy = reinitPolicy(options.reinitGuard, input.negativeSize, hasState);

  let interpreters: string | undefined;
  if (options.multipleInterpreters === 'auto') interpreters = hasState ? INTERPRETERS.not_supported : INTERPRETERS.per_interpreter_gil;
  else if (options.multipleInterpreters !== 'omit') interpreters = INTERPRETERS[options.multipleInterpreters];
  if (policy === 'replay' && interpreters !== INTERPRETERS.not_supported) {
    // Replayed module objects share the first module's objects: only legacy subinterpreters tolerate that.
    differences.push(`Py_mod_multiple_interpreters is ${INTERPRETERS.not_supported} instead of the requested ${options.multipleInterpreters}: replayed module objects share the first module's objects, which only legacy subinterpreters (sharing one GIL) tolerate.`);
    interpreters = INTERPRETERS.not_supported;
  }

  const gil = input.gilFromCode ?? (options.gil === 'preserve' ? GIL.used : options.gil === 'omit' ? undefined : GIL[options.gil]);

  differences.push(...reimportSentences(policy, input));
  if (options.reinitGuard === 'always') differences.push("Setting: reinitGuard 'always' (--guard always) is the deprecated name of 'error'; it works the same.");
  if (interpreters === INTERPRETERS.per_interpreter_gil) {
    differences.push(`Subinterpreters: the module now also loads in isolated subinterpreters (${interpreters}), which single-phase modules could not${options.multipleInterpreters === 'auto' ? '; chosen because no process-wide state was found' : ''}.`);
  } else if (interpreters === INTERPRETERS.supported || interpreters === undefined) {
    differences.push('Subinterpreters: the module declares support for several interpreters sharing one GIL, and isolated subinterpreters still refuse it, as before.');
  }
  if (gil === GIL.not_used && !input.gilFromCode) {
    differences.push('GIL: Py_mod_gil says Py_MOD_GIL_NOT_USED, so free-threaded builds no longer re-enable the GIL for this module; that is a promise of thread safety the original never made.');
  } else if (gil === undefined) {
    differences.push('GIL: no Py_mod_gil slot is written, so free-threaded builds re-enable the GIL on import, as before.');
  }
  return { policy, interpreters, gil, differences };
}

function reinitPolicy(option: ConversionOptions['reinitGuard'], negativeSize: boolean, hasState: boolean): ReinitPolicy {
  if (option === 'never' || option === 'replay') return option;
  if (option === 'error' || option === 'always') return 'error';
  return negativeSize && hasState ? 'replay' : 'never';
}

function reimportSentences(policy: ReinitPolicy, input: DecisionInput): string[] {
  const name = input.moduleName;
  if (policy === 'error') {
    return [`Re-import: importing ${name} a second time in the process (after del sys.modules, or in a subinterpreter) now raises ImportError; ${input.negativeSize ? 'single-phase init gave it a copy of the first module' : 'single-phase init ran again'}.`];
  }
  if (policy === 'never') {
    if (!input.negativeSize) return [];
    return [`Module identity: each re-import and each subinterpreter now runs exec on a new module object, so its functions and constants are new objects; single-phase init (m_size -1) gave them a copy of the first module's namespace.`];
  }
  const sentences = [
    `Re-import: as with single-phase init (m_size -1), the body runs once per process and later module objects get a copy of the first module's namespace; attributes set after import are not carried over, nor are __name__, __spec__, __loader__, __package__ and __file__, which come from each import.`,
    `Re-entrancy: an import of ${name} started while its first exec is still running raises ImportError.`,
    `Subinterpreters: when the first import happens in a legacy subinterpreter, the body runs there, and again on the next import after that subinterpreter ends, as single-phase init did on CPython 3.8-3.12; 3.13 ran single-phase init in the main interpreter instead.`,
  ];
  if (input.hasTeardown) sentences.push('Teardown: m_traverse, m_clear and m_free act only for the module that ran the body, which is kept alive for the rest of the process.');
  return sentences;
}
