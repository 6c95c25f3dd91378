// One paragraph and a CPython docs link for each identifier a hover explains.
import { DOCS } from '../core/rules/catalogue';

export interface HoverDoc {
  text: string;
  link: string;
}

const SLOT_DOCS = DOCS.slots;

export const HOVER_DOCS: Record<string, HoverDoc> = {
  Py_mod_create: {
    text: 'Slot 1 (3.5+): `PyObject *create(PyObject *spec, PyModuleDef *def)` builds the module object instead of the default `PyModule_New`. At most one per module.',
    link: SLOT_DOCS,
  },
  Py_mod_exec: {
    text: 'Slot 2 (3.5+): `int exec(PyObject *module)` fills in the module after it is created. Returns 0 on success, -1 with an exception set on failure. The module is borrowed: exec must never `Py_DECREF` it. Several exec slots run in array order.',
    link: SLOT_DOCS,
  },
  Py_mod_multiple_interpreters: {
    text: 'Slot 3 (3.12+): whether the module can be loaded in subinterpreters: `Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED`, `Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED` or `Py_MOD_PER_INTERPRETER_GIL_SUPPORTED`. Guard it with `#ifdef Py_mod_multiple_interpreters` (the headers define it where the slot is usable, Py_LIMITED_API included) to build on older versions.',
    link: SLOT_DOCS,
  },
  Py_mod_gil: {
    text: 'Slot 4 (3.13+): whether the module relies on the GIL: `Py_MOD_GIL_USED` or `Py_MOD_GIL_NOT_USED`. Without it, a free-threaded build re-enables the GIL when the module is imported. Ignored on builds with a GIL; guard it with `#ifdef Py_mod_gil` (defined where the slot is usable, Py_LIMITED_API included).',
    link: DOCS.freeThreading,
  },
  Py_MOD_GIL_USED: { text: '`Py_mod_gil` value 0: the module needs the GIL; importing it on a free-threaded build turns the GIL back on.', link: SLOT_DOCS },
  Py_MOD_GIL_NOT_USED: { text: '`Py_mod_gil` value 1: the module is safe to run without the GIL on free-threaded builds (3.13+).', link: DOCS.freeThreading },
  Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: {
    text: '`Py_mod_multiple_interpreters` value 0: the module can only be imported in the main interpreter, for modules with process-wide state.',
    link: SLOT_DOCS,
  },
  Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: {
    text: '`Py_mod_multiple_interpreters` value 1: the module can be imported in subinterpreters that share the main GIL (the default when the slot is missing).',
    link: SLOT_DOCS,
  },
  Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: {
    text: '`Py_mod_multiple_interpreters` value 2: the module also works in subinterpreters that have their own GIL; it keeps no state shared between interpreters.',
    link: DOCS.isolating,
  },
  PyModuleDef_Init: {
    text: '`PyModuleDef_Init(&def)` returns the definition itself as an object, marking the module as multi-phase: `PyInit_<name>` returns it directly and the import system runs the `Py_mod_create` and `Py_mod_exec` slots (PEP 489).',
    link: DOCS.multiPhase,
  },
  PyModule_Create: {
    text: '`PyModule_Create(&def)` builds the module object at once: single-phase initialization. Such a module cannot be re-created per interpreter or declare GIL and subinterpreter support; `PyModule_Create` refuses a def with `m_slots`. Multi-phase init returns `PyModuleDef_Init(&def)` instead.',
    link: DOCS.multiPhase,
  },
  PyModule_Create2: {
    text: '`PyModule_Create2(&def, apiver)` is `PyModule_Create` with an explicit API version: single-phase initialization. Multi-phase init returns `PyModuleDef_Init(&def)` instead.',
    link: DOCS.multiPhase,
  },
};
