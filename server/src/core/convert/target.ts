// What the checks hand the conversion when a module may be converted: the
// init, the function whose body becomes exec, the def and the creation.
import type { TextEdit } from '../edits';
import type { CreationCall, FileModel, FunctionInfo, InitFunctionInfo, ModuleDefInfo } from '../model';
import type { Refusal } from './refusalCatalogue';
import type { SizeReading } from './msize';

export interface ConversionTarget {
  init: InitFunctionInfo;
  /** The function whose body becomes exec: the init, or the helper it returns the result of. */
  source: FunctionInfo;
  def: ModuleDefInfo;
  /** The Python 3 creation whose module the init returns. */
  creation: CreationCall;
  /** Edits to file-local statement macros used only in the body (`return NULL` → `return -1`). */
  macroEdits: ReadonlyMap<string, TextEdit[]>;
  /** The def's m_size on the supported versions (msize.ts). */
  size: SizeReading;
  /** Edits to statement macros defined inside the body and used only there: applied with the body's own edits. */
  bodyMacroEdits: ReadonlyMap<string, TextEdit[]>;
  /** Labels of the body that macros jump to: exec keeps them though no `goto` in sight names them. */
  macroLabels: ReadonlySet<string>;
  /** Variables outside the body that the body's statement macros assign: process-wide state the tree does not show. */
  macroWrites: ReadonlySet<string>;
  /** Upper-case statement calls the file does not define, not given the module (a header's macros). */
  headerMacros: readonly string[];
}

export type TargetResult = { ok: true; target: ConversionTarget } | { ok: false; reasons: Refusal[] };

/** What the checks found so far; later checks read it. */
export interface TargetState {
  model: FileModel;
  init: InitFunctionInfo;
  source?: FunctionInfo;
  creation?: CreationCall;
  def?: ModuleDefInfo;
  /** Set by the def check when the def's m_size could be read. */
  size?: SizeReading;
  macroEdits: ReadonlyMap<string, TextEdit[]>;
  bodyMacroEdits?: ReadonlyMap<string, TextEdit[]>;
  macroLabels?: ReadonlySet<string>;
  macroWrites?: ReadonlySet<string>;
  headerMacros?: readonly string[];
  reasons: Refusal[];
  /** PY_VERSION_HEX of the oldest Python the conversion is for: #if arms no supported version compiles are dead. */
  minimumHex: number;
}

export type Needs = 'init' | 'source' | 'creation' | 'def';
export interface TargetCheck {
  name: string;
  needs: Needs;
  run(state: TargetState): void;
}

/**
 * What generated names start with (`x_exec`, `x_slots`): the module's name,
 * or `module` when a build macro names the init, so that nothing written
 * depends on the name the build passes.
 */
export function generatedNameBase(init: InitFunctionInfo): string {
  return init.nameFrom ? 'module' : init.moduleName;
}
