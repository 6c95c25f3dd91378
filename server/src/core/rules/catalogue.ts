// One catalogue for every rule: code, default severity, title, docs link.
// Rule modules take their severity and link from here, so settings and docs
// never disagree with what is reported.
import type { RuleCode, Severity } from '../findings';

export const DOCS = {
  multiPhase: 'https://docs.python.org/3/c-api/module.html#multi-phase-initialization',
  pep489: 'https://peps.python.org/pep-0489/',
  isolating: 'https://docs.python.org/3/howto/isolating-extensions.html',
  freeThreading: 'https://docs.python.org/3/howto/free-threading-extensions.html',
  moduleLookup: 'https://docs.python.org/3/c-api/module.html#module-lookup',
  slots: 'https://docs.python.org/3/c-api/module.html#c.PyModuleDef_Slot',
  mSize: 'https://docs.python.org/3/c-api/module.html#c.PyModuleDef.m_size',
  optOut: 'https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process',
} as const;

export interface RuleDescription {
  code: RuleCode;
  title: string;
  defaultSeverity: Severity;
  docs: string;
  /** A longer explanation for docs pages and hovers. */
  description: string;
}

export const CATALOGUE: Record<RuleCode, RuleDescription> = {
  'single-phase-init': {
    code: 'single-phase-init',
    title: 'Module uses single-phase initialization',
    defaultSeverity: 'warning',
    docs: DOCS.multiPhase,
    description:
      'PyInit_<name> builds the module itself with PyModule_Create. Such a module cannot declare free-threading (Py_mod_gil) or subinterpreter (Py_mod_multiple_interpreters) support, and fails to import in an isolated subinterpreter. Multi-phase initialization (PEP 489) returns PyModuleDef_Init(&def) and fills the module in a Py_mod_exec function.',
  },
  'negative-m-size': {
    code: 'negative-m-size',
    title: 'PyModuleDef.m_size is negative',
    defaultSeverity: 'warning',
    docs: DOCS.mSize,
    description:
      'm_size -1 means the module keeps global state and cannot be re-initialised. It is only allowed with single-phase init: a multi-phase def (one with m_slots) with a negative m_size fails to load. Use 0 (no per-module state) or the size of a module state struct.',
  },
  'missing-gil-slot': {
    code: 'missing-gil-slot',
    title: 'Multi-phase module does not declare Py_mod_gil',
    defaultSeverity: 'warning',
    docs: DOCS.freeThreading,
    description:
      'Without a Py_mod_gil slot, importing the module on a free-threaded CPython 3.13+ re-enables the GIL for the whole process (with a RuntimeWarning). Add {Py_mod_gil, Py_MOD_GIL_NOT_USED} under #ifdef Py_mod_gil once the module is thread-safe, or Py_MOD_GIL_USED to say it is not.',
  },
  'missing-multiple-interpreters-slot': {
    code: 'missing-multiple-interpreters-slot',
    title: 'Multi-phase module does not declare Py_mod_multiple_interpreters',
    defaultSeverity: 'information',
    docs: DOCS.slots,
    description:
      'Without a Py_mod_multiple_interpreters slot (3.12+) the module is assumed to support subinterpreters. State it explicitly: Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED unless the module keeps no process-wide state.',
  },
  'module-state-lookup': {
    code: 'module-state-lookup',
    title: 'PyState_FindModule/AddModule/RemoveModule',
    defaultSeverity: 'warning',
    docs: DOCS.moduleLookup,
    description:
      'PyState_FindModule, PyState_AddModule and PyState_RemoveModule only work for single-phase modules: with a multi-phase def they fail, because one def can make many modules. Reach module state through the module object (PyModule_GetState, PyType_GetModuleByDef) instead.',
  },
  'exec-decrefs-module': {
    code: 'exec-decrefs-module',
    title: 'Py_mod_exec function releases the module',
    defaultSeverity: 'error',
    docs: DOCS.multiPhase,
    description:
      'The module passed to a Py_mod_exec function is a borrowed reference. Py_DECREF, Py_XDECREF or Py_CLEAR of it frees a module the interpreter still owns, a known crash.',
  },
  'exec-returns-pointer': {
    code: 'exec-returns-pointer',
    title: 'Py_mod_exec function returns a pointer',
    defaultSeverity: 'error',
    docs: DOCS.multiPhase,
    description:
      'A Py_mod_exec function returns int: 0 on success, -1 with an exception set on failure. Returning NULL reads as success; returning the module reads as an arbitrary non-zero value.',
  },
  'import-macro-in-exec': {
    code: 'import-macro-in-exec',
    title: "NumPy import macro returns NULL inside Py_mod_exec",
    defaultSeverity: 'error',
    docs: 'https://numpy.org/doc/stable/reference/c-api/array.html#c.import_array',
    description:
      'import_array() and import_umath() expand to `return NULL;` on failure, which an int-returning exec function reports as success; import_ufunc() does not return at all. Use import_array1(-1) and import_umath1(-1).',
  },
  'set-gil-call': {
    code: 'set-gil-call',
    title: 'PyUnstable_Module_SetGIL call',
    defaultSeverity: 'information',
    docs: DOCS.freeThreading,
    description:
      'PyUnstable_Module_SetGIL is the single-phase way to declare GIL use on free-threaded builds. In a multi-phase module the Py_mod_gil slot is the supported form; converting this module turns the call into that slot.',
  },
  'gil-used-slot': {
    code: 'gil-used-slot',
    title: 'Module declares Py_MOD_GIL_USED',
    defaultSeverity: 'information',
    docs: DOCS.freeThreading,
    description:
      'Py_MOD_GIL_USED says the module needs the GIL: importing it on a free-threaded CPython 3.13+ re-enables the GIL for the whole process, which is what happened before the module declared anything. Conversions write it unless the module declared otherwise, because Py_MOD_GIL_NOT_USED is a promise of thread safety. Once the module is audited for free-threading (see the HOWTO), declare Py_MOD_GIL_NOT_USED.',
  },
};

export const RULE_CODES = Object.keys(CATALOGUE) as RuleCode[];
