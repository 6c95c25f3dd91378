// Every reason the converter (or the editor around it) declines to convert a
// module, in one place. A refusal is {code, message, span?}: the code is
// stable (tests and docs/refusals.md key on it), the message is for people.
import type { Span } from '../span';

export interface RefusalEntry {
  /** A few words naming the case. */
  title: string;
  /** What converting this shape automatically could break. */
  protects: string;
  /** What the user can do to get the module converted. */
  userCan: string;
}

const entry = (title: string, protects: string, userCan: string): RefusalEntry => ({ title, protects, userCan });

export const REFUSALS = {
  'internal-error': entry('the converter failed', 'a converter bug turning into a wrong edit', 'report the bug with the file; convert by hand meanwhile'),
  'generated-file': entry('generated file', 'code owned by Cython, pybind11 or nanobind, which already handle initialisation', 'nothing: regenerate with the generator instead'),
  'not-single-phase': entry('not a single-phase module', 'converting what is already multi-phase or not a module', 'nothing to do'),
  'python2-only': entry('Python 2 branch', 'Python 2 code, which has no multi-phase initialization', 'nothing: the branch stays as it is'),
  'state-lookup': entry('PyState_* lookup', 'PyState_FindModule/AddModule/RemoveModule, which do not work for multi-phase modules', 'use the module object or PyType_GetModuleByDef instead, then convert'),
  'init-from-macro': entry('init defined by a macro', 'macro text shared with other code, which an edit at one use would break', 'write the PyInit_ function out, or define the macro only for this init'),
  'creation-in-macro': entry('creation hidden in a macro', 'a PyModule_Create the converter cannot see or rewrite', 'expand the macro in the init'),
  'creation-in-class': entry('module made by a C++ class', 'a module an RAII object creates and owns (constructor or Attach calls PyModule_Create), which exec cannot take over', 'create the module in the init and give the object the module'),
  'creation-too-deep': entry('creation two calls deep', 'helpers the converter cannot follow safely', 'create the module in the init or in one helper it returns'),
  'braces-per-arm': entry('braces balance per #if arm', 'dropping the other arms of an init whose braces only balance within one #if arm', 'make each #if arm hold whole statements'),
  'header-split': entry('init header split by #if lines', 'choosing one of several function headers', 'write one header per #if arm, each with its own body, or one header'),
  'helper-shape': entry('helper that cannot become exec', 'a helper called elsewhere, with parameters or not static, whose body would change for its other callers', 'make the helper static, parameterless and called only from the init'),
  'helper-def-parameter': entry('helper gets its def as a parameter', 'one body serving several defs, which one exec cannot be', 'give each module its own helper'),
  'limited-api-too-old': entry('Py_LIMITED_API below 3.5, unreadable', 'a limited API without PyModuleDef_Slot and PyModuleDef_Init whose #define the converter cannot raise (a value below 0x03050000 is raised, with a note)', 'raise Py_LIMITED_API to 0x03050000 or more'),
  'python2-creation-in-init': entry('Python 2 creation in the init', 'a Python 2 Py_InitModule branch that shares the init body', 'split the Python 2 init into its own function'),
  'no-creation': entry('no PyModule_Create', 'inits that make their module some other way', 'create the module with PyModule_Create(&def)'),
  'creation-in-preprocessor-branch': entry('creation inside #if', 'configurations in which the module is made differently', 'create the module outside the #if'),
  'def-not-plain': entry('def not passed plainly', 'a def the converter cannot locate', "pass the def as '&name'"),
  'several-creations': entry('several creations', 'an init whose returned module is ambiguous', 'create the module once and return it'),
  'module-cached': entry('module cached in a static', 'an init that returns one module object on every call, which multi-phase init cannot keep', 'keep one module object per process by hand, or drop the cache'),
  'def-not-in-file': entry('def in another file', 'a PyModuleDef whose fields cannot be edited here', 'move the def into the file of its init'),
  'def-unreadable': entry('def initialiser unreadable', 'fields located wrongly in an initialiser the parser cannot read', 'fix the initialiser so it parses'),
  'def-preprocessor': entry('#if lines inside the def (other than an m_size chosen per arm)', 'fields located wrongly when #if arms change them', 'move the #if outside the initialiser; an m_size with one value in each arm (and an #else) is read per version and converts'),
  'already-has-slots': entry('def already has m_slots', 'a half-converted module, which PyModule_Create already refuses', 'finish the conversion by hand'),
  'm-size-unknown': entry('m_size not evaluable', 'a negative m_size, which fails to load once the def has slots', 'write m_size as a number or sizeof(...)'),
  'local-def-shape': entry('def declared inside the init', 'moving a def that depends on its function to file scope', 'declare the def static at file scope'),
  'def-too-many-fields': entry('def with too many initialisers', 'an initialiser the converter cannot map to fields', 'fix the initialiser'),
  'def-shared': entry('def shared by several inits', 'other inits, which would create from a def with slots (PyModule_Create refuses that)', 'give each init its own def'),
  'def-created-elsewhere': entry('def created elsewhere', 'another PyModule_Create of the same def, which fails once the def has slots', 'create that module from its own def'),
  'hidden-control-flow': entry('macro hiding control flow', 'a macro the init uses whose return, goto or release cannot be given exec\'s forms: a return of something other than NULL, a goto to a label the init lacks, break, a release that may be the module; or one other code uses too that cannot be expanded in place (defined per #if arm, #undef\'d); an upper-case call the file does not define (a header\'s macro) given the module', 'expand the macro in the init by hand (the message names it and says why)'),
  'parse-error': entry('unreadable code in the init', 'returns or the module hidden in code the parser cannot read', 'fix the code, or expand the macro the parser trips on'),
  'module-in-several-locals': entry('module in several locals', 'aliases of the module that the rewrite would leave pointing elsewhere', 'keep the module in one local'),
  'return-without-value': entry('return without a value', 'an init that does not compile as Python 3 code', 'return NULL or the module'),
  'return-in-preprocessor-branch': entry('return inside #if', 'configurations that return differently', 'return the module outside the #if'),
  'return-as-unbraced-body': entry('unbraced return', 'inserting statements where the body has none of its own', 'add braces around the statement'),
  'returns-other-object': entry('returns something else', 'an init whose result is not the module it created', 'return the module itself'),
  'release-in-expression': entry('release inside an expression', 'a release of the module that exec must drop but cannot cut out', 'make the release a statement of its own'),
  'module-reassigned': entry('module variable reassigned', 'rewriting a variable that later holds another object', 'use another variable for the other object'),
  'global-store-in-expression': entry('global store inside an expression', 'a store of the module the rewrite cannot separate', 'make the store a statement of its own'),
  'creation-in-expression': entry('creation inside an expression', 'a PyModule_Create whose result the converter does not follow', 'assign the result to a variable in a statement of its own'),
  'module-variable-type': entry('module variable not PyObject *', 'a module variable the exec parameter cannot replace', "declare it as 'PyObject *m'"),
  'setgil-unreadable': entry('PyUnstable_Module_SetGIL unreadable', 'a GIL declaration whose value the slot cannot take', 'call it as a statement with a plain value'),
  'callee-releases-module': entry('helper releases the module', 'a release of the module, which exec only borrows', 'release the module in the caller only'),
  'scope-mismatch': entry('def and init in different C++ scopes', 'an exec placed where its names are not declared', 'put the def and the init in the same namespace or extern "C" block'),
  'mixed-line-ends': entry('mixed line endings', 'edits written with the wrong line ending in a file that mixes lone CR and LF', 'save the file with one kind of line ending'),
  'preprocessor-split-edit': entry('rewrite would cut an #if group', 'a file whose #if/#endif would no longer pair up after the rewrite of an init seen through the preprocessor', 'move the #if lines so each wraps whole functions or statements'),
  'verify-failed': entry('converted code did not check out', 'edits that would not parse or not be recognised as multi-phase', 'report the file; convert by hand meanwhile'),
  'embedded-fragment': entry('part of a module in a document', 'converting an example or template that shows only part of a module', 'convert the module where its whole source is'),
  'embedded-pieces': entry('template built from pieces', 'a Python template assembled from several pieces whose conversion would have to change a computed piece (a parameter the caller passes, a join, a loop), add code to a piece added only under a condition, write a placeholder that the template of a string does not fill, or change a string the module uses twice', 'convert the template by hand'),
  'embedded-unreadable': entry('string the converter cannot map back', 'edits to a Python string whose escapes or placeholders cannot be written back', 'check the string by hand'),
  'embedded-write-back': entry('edit cannot be written back', 'edits that would cut through a template placeholder or the host document', 'convert the embedded code by hand'),
  'silenced': entry('silenced by a comment', 'a module the user asked to leave alone', 'remove the "multiphase: ignore" comment'),
  'edit-overlap': entry('edits overlap another module', 'two conversions writing the same text', 'convert the other module first'),
} as const satisfies Record<string, RefusalEntry>;

export type RefusalCode = keyof typeof REFUSALS;

export const REFUSAL_CODES = Object.keys(REFUSALS) as RefusalCode[];

export interface Refusal {
  code: RefusalCode;
  message: string;
  span?: Span;
}

export function refusal(code: RefusalCode, message: string, span?: Span): Refusal {
  return span ? { code, message, span } : { code, message };
}

/** `[code]: message`, the form users see after "refused". */
export function describeRefusal(r: Refusal): string {
  return `[${r.code}]: ${r.message}`;
}

export function describeRefusals(list: readonly Refusal[]): string {
  return list.map(describeRefusal).join('; ');
}

/** Adds `r` unless one with the same code and message is there. */
export function addRefusal(list: Refusal[], r: Refusal): void {
  if (!list.some((x) => x.code === r.code && x.message === r.message)) list.push(r);
}
