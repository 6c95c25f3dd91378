// Lookups several rules share: the exec functions of the file's modules, and
// which function an offset sits in.
import type { FunctionInfo, ModuleInfo, ModuleDefInfo, FileModel } from '../model';

export interface ExecOfModule {
  exec: FunctionInfo;
  module: ModuleInfo;
}

/** Each `Py_mod_exec` function once, with the first module that names it. */
export function execFunctions(model: FileModel): ExecOfModule[] {
  const seen = new Set<string>();
  const out: ExecOfModule[] = [];
  for (const module of model.modules) {
    for (const exec of module.execs) {
      if (seen.has(exec.name)) continue;
      seen.add(exec.name);
      out.push({ exec, module });
    }
  }
  return out;
}

export type Enclosing =
  | { kind: 'exec'; fn: FunctionInfo; module: ModuleInfo }
  | { kind: 'init'; fn: FunctionInfo; module: ModuleInfo }
  | { kind: 'other'; fn?: FunctionInfo };

const within = (fn: FunctionInfo, offset: number): boolean => offset >= fn.span.start && offset < fn.span.end;

/** The exec, init (or helper it delegates to) or other function around `offset`. */
export function enclosingFunction(model: FileModel, offset: number): Enclosing {
  for (const { exec, module } of execFunctions(model)) if (within(exec, offset)) return { kind: 'exec', fn: exec, module };
  for (const module of model.modules) {
    const init = module.init;
    if (!init) continue;
    if (within(init, offset)) return { kind: 'init', fn: init, module };
    if (init.helper && within(init.helper, offset)) return { kind: 'init', fn: init.helper, module };
  }
  for (const fn of model.functions.values()) if (within(fn, offset)) return { kind: 'other', fn };
  return { kind: 'other' };
}

/** The module built from `def`, if the file has one. */
export function moduleOfDef(model: FileModel, def: ModuleDefInfo | undefined): ModuleInfo | undefined {
  return def ? model.modules.find((m) => m.def === def) : undefined;
}
