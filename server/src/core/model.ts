// What the analysis knows about one file: module definitions, init and exec
// functions, slot arrays. Plain data plus tree-sitter nodes; no LSP types.
import type { Node, Tree } from 'web-tree-sitter';
import type { Refusal } from './convert/refusalCatalogue';
import type { PreprocessorModel } from './text/preprocessorModel';
import type { LanguageId } from './grammars';
import type { Span } from './span';

// Span has its own module so the refusal catalogue can name it without importing the model.
export type { Span };

export const DEF_FIELDS = [
  'm_base',
  'm_name',
  'm_doc',
  'm_size',
  'm_methods',
  'm_slots',
  'm_traverse',
  'm_clear',
  'm_free',
] as const;
export type DefFieldName = (typeof DEF_FIELDS)[number];

export interface InitEntry {
  /** Field this entry sets (by designator or by position), if known. */
  field: DefFieldName | null;
  /** The whole entry, designator included (`.m_size = -1`). */
  span: Span;
  /** Just the value (`-1`). */
  value: Span;
  valueText: string;
  designated: boolean;
  /** Inside an `#if`/`#ifdef` in the initialiser: set in some builds only. */
  conditional?: boolean;
}

export interface ModuleDefInfo {
  /** Variable name of the `PyModuleDef`. */
  varName: string;
  /** The declaration statement, storage class to semicolon. */
  declSpan: Span;
  nameSpan: Span;
  /** The `{ ... }` initialiser, braces included. */
  initSpan: Span;
  isStatic: boolean;
  entries: InitEntry[];
  fields: Partial<Record<DefFieldName, InitEntry>>;
  style: 'positional' | 'designated' | 'mixed';
  /** `#if`/`#ifdef` lines inside the initialiser make field positions uncertain. */
  hasPreprocessor: boolean;
  /** The initialiser holds parse errors (macros we cannot see through). */
  hasError: boolean;
  /** Contents of the `m_name` string literal, if a literal. */
  moduleName?: string;
  /** Name of the slot array `m_slots` points to, if an identifier. */
  slotsName?: string;
  /** m_slots set to something other than NULL/0. */
  hasSlots: boolean;
  /** Numeric m_size, if it is a literal. */
  mSize?: number;
}

export interface SlotEntry {
  /** Slot id as written (`Py_mod_exec`). */
  id: string;
  value: string;
  span: Span;
  /** Inside an `#if`/`#ifdef` in the array. */
  conditional: boolean;
}

export interface SlotArrayInfo {
  varName: string;
  declSpan: Span;
  /** The `{ ... }` initialiser, braces included. */
  initSpan: Span;
  hasPreprocessor: boolean;
  slots: SlotEntry[];
  /** Offset just before the `{0, NULL}` terminator (where new slots go). */
  insertAt: number;
  /** The array's variable name in its declaration. */
  nameSpan: Span;
  /** Entries that are not `{id, value}` pairs (macros expanding to slots): what they declare is unknown. */
  opaqueEntries: number;
}

export type CreationKind = 'PyModule_Create' | 'PyModule_Create2' | 'Py_InitModule';

export interface CreationCall {
  kind: CreationKind;
  /** The call expression. */
  call: Node;
  span: Span;
  /** Def passed as `&def`, when it is a plain identifier. */
  defName?: string;
  /** Python 2 `Py_InitModule*` creation, never auto-fixable. */
  python2: boolean;
  /** Variables the result is assigned to (`m = g = PyModule_Create(...)`). */
  assignedTo: string[];
  /** Statement holding the call. */
  statement: Node | null;
  /** Inside `#if`/`#ifdef` branches within the function. */
  inPreprocessorBranch: boolean;
  /** Function containing the call (the init itself, or a helper it delegates to). */
  inFunction: string;
  /** Set when the call is hidden in a macro: `MOD_DEF(m, ...)` expands to it. */
  viaMacro?: string;
  /** Set when an object of this C++ class makes the module (its constructor calls PyModule_Create); `call` is then where the init's side uses the class. */
  viaClass?: string;
}

export interface FunctionInfo {
  name: string;
  node: Node;
  /** From the first token of the return type (or `PyMODINIT_FUNC`) to `}`. */
  span: Span;
  nameSpan: Span;
  body: Node;
  /** Name of the first parameter, if any. */
  firstParam?: string;
  /** Re-read on its own because the file tree was confused around it. */
  reparsed: boolean;
  /**
   * Read with its `#elif`/`#else` arms left out, because its braces balance
   * only within one arm: the tree shows one configuration, not the text.
   */
  firstArmOnly?: boolean;
}

export interface InitFunctionInfo extends FunctionInfo {
  /** `x` in `PyInit_x`. */
  moduleName: string;
  creations: CreationCall[];
  /** Def passed to `PyModuleDef_Init(&def)` in a return, if any. */
  defInitName?: string;
  /** Helper function the init delegates creation to (`return make_module();`). */
  helper?: FunctionInfo;
  /** Macro-built: body hidden in a macro or unparseable. */
  opaque: boolean;
  /** Why the init is opaque, as a refusal ("PyInit_foo is defined by macro MOD_INIT"). */
  opaqueRefusal?: Refusal;
  /** Macro whose expansion is the `PyInit_<name>` header (`MOD_INIT`). */
  definedByMacro?: string;
  /**
   * The init's name is pasted from a macro this file does not define
   * (`NPY_CAT(PyInit_, MODULE_NAME)` with MODULE_NAME from the build): its
   * header is kept as written and nothing generated is named after it.
   */
  nameFrom?: { spelling: string; macro: string };
}

export interface ModuleInfo {
  /** Module name from `PyInit_<name>`, else from the def's `m_name`. */
  name: string;
  phase: 'single' | 'multi';
  init?: InitFunctionInfo;
  def?: ModuleDefInfo;
  slots?: SlotArrayInfo;
  execs: FunctionInfo[];
}

export type Generator = 'cython' | 'pybind11' | 'nanobind';

export interface FileModel {
  /** The source text; lone CR line ends read as LF (same offsets, see text/lineEndings). */
  text: string;
  /** Set when the source's lines end in lone CRs: edits must write CRs back ('all') or are refused ('mixed'). */
  loneCarriageReturns?: 'all' | 'mixed';
  /** The file's #if groups and #defines, scanned once from `mask` on first use. */
  readonly preprocessor: PreprocessorModel;
  /**
   * Set when `text` is the target view (text/targetView.ts) of this source:
   * the raw text hid an init behind #if lines. Offsets are the same. With
   * the source's preprocessor scan, which the view was built from.
   */
  source?: { text: string; preprocessor: PreprocessorModel };
  /**
   * Python 3 flags a header defines, as the init's arms show (text/py3Flag.ts): name → defined for Python 3.
   * The view and every reading of Python 2 arms (dual-mode split, python2.ts) take them as certain; the notes say so.
   */
  readonly py3Flags: ReadonlyMap<string, boolean>;
  /** Same-length text with comments and literals blanked. */
  mask: string;
  lang: LanguageId;
  tree: Tree;
  modules: ModuleInfo[];
  defs: ModuleDefInfo[];
  slotArrays: SlotArrayInfo[];
  inits: InitFunctionInfo[];
  /** Every function definition by name (first one wins). */
  functions: Map<string, FunctionInfo>;
  /** Set when the file is generated or built on a binding library: skipped. */
  generator?: Generator;
  /** Free trees made by local re-parses. The caller owns `tree`. */
  dispose(): void;
}
