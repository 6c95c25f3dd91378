// State shared by the passes that turn the init body into the exec body.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../edits';
import type { Span } from '../model';
import { refusal, type Refusal, type RefusalCode } from './refusalCatalogue';
import type { ConversionTarget } from './target';
import type { FileStyle } from './style';

export interface BodyContext {
  text: string;
  mask: string;
  target: ConversionTarget;
  style: FileStyle;
  /** Edits in whole-file offsets, all inside the init body. */
  edits: TextEdit[];
  /** Regions already removed or replaced: nothing inside is visited again. */
  claimed: Span[];
  reasons: Refusal[];
  /** C++: member calls on non-local objects count as writes to process-wide state. */
  cpp: boolean;
  /** C++: every name bound inside the body (locals, catch and lambda parameters, range-for variables). */
  bound: Set<string>;
  /** Names declared (not `static`) inside the init body. */
  locals: Set<string>;
  /** Name of exec's module parameter. */
  paramName: string;
  /** The local module variable, which becomes the parameter. */
  localModuleVar?: string;
  /** File-scope (or static local) variables the new module is stored in. */
  globalTargets: string[];
  /** Process-wide state the init writes (`static type T`, `static g`): a second exec would overwrite it. */
  staticState: string[];
  /** Module names set to NULL on some path, so `return <name>` may mean failure. */
  clearedNames: Set<string>;
  /** The init takes a reference of its own (`Py_INCREF(m)`) for the globals it stores the module in. */
  initIncrefsModule: boolean;
  /** Value of a removed `PyUnstable_Module_SetGIL(m, V)` call. */
  gilValue?: string;
  /** Comments that explained the removed SetGIL call: they move to the Py_mod_gil slot. */
  gilComments: string[];
  /** Py_NewRef may be used (minimum Python 3.10). */
  canUseNewRef: boolean;
  /** PyInterpreterState_Main exists on every Python the output is for (minimum Python 3.7, no Python 2 init kept). */
  hasMainInterpreterApi: boolean;
  /** `if (m != NULL) { ... }` right after the creation: unwrapped once the body edits are done. */
  positiveCheck?: Node;
}

export function noteStaticState(ctx: BodyContext, what: string): void {
  if (!ctx.staticState.includes(what)) ctx.staticState.push(what);
}

/** Records why the body cannot be rewritten, pointing at `node` when given. */
export function refuseBody(ctx: BodyContext, code: RefusalCode, message: string, node?: Node | null): void {
  ctx.reasons.push(refusal(code, message, node ? { start: node.startIndex, end: node.endIndex } : undefined));
}

export function claim(ctx: BodyContext, edit: TextEdit, node?: Node): void {
  ctx.edits.push(edit);
  ctx.claimed.push(node ? { start: node.startIndex, end: node.endIndex } : { start: edit.start, end: edit.end });
}

export function isClaimed(ctx: BodyContext, node: Node): boolean {
  return ctx.claimed.some((s) => node.startIndex >= s.start && node.endIndex <= s.end);
}

/** Both module names: the parameter and the globals holding the module. */
export function moduleNames(ctx: BodyContext): Set<string> {
  const names = new Set(ctx.globalTargets);
  if (ctx.localModuleVar) names.add(ctx.localModuleVar);
  return names;
}

/** Lines that store the module in static globals, holding their own reference. */
export function globalStoreLines(ctx: BodyContext): string[] {
  const p = ctx.paramName;
  const gap = ctx.style.callGap;
  if (ctx.initIncrefsModule) return ctx.globalTargets.map((g) => `${g} = ${p};`);
  if (ctx.canUseNewRef) return ctx.globalTargets.map((g) => `${g} = Py_NewRef${gap}(${p});`);
  return ctx.globalTargets.flatMap((g) => [`Py_INCREF${gap}(${p});`, `${g} = ${p};`]);
}
