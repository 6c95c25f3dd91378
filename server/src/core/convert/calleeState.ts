// The init often delegates set-up to functions of its own file
// (`init_types(m)`), which write the same process-wide state the guard is
// about, or may even release the module they are given (fatal once it is
// exec's borrowed reference). One level of such calls is looked into.
import type { Node } from 'web-tree-sitter';
import { declaredName, functionDeclarator } from '../analysis/nodes';
import type { FunctionInfo } from '../model';
import { boundNames, memberCallTarget } from './memberCalls';
import { localNames, rootIdentifier } from '../analysis/names';
import { noteStaticState, type BodyContext } from './bodyContext';
import { addRefusal, refusal, type Refusal } from './refusalCatalogue';
import { codeChildren, descendants, unwrapExpression } from './text';

export function noteCalleeState(ctx: BodyContext, functions: ReadonlyMap<string, FunctionInfo>): void {
  const source = ctx.target.source;
  const seen = new Set<string>([source.name, ctx.target.init.name]);
  for (const node of descendants(source.body)) {
    if (node.type !== 'call_expression') continue;
    const name = node.childForFieldName('function')?.text ?? '';
    const callee = functions.get(name);
    if (!callee || seen.has(name)) continue;
    seen.add(name);
    for (const what of staticWrites(callee, ctx.cpp)) noteStaticState(ctx, `${what} via ${name}()`);
  }
}

const RELEASES = /^(?:Py_DECREF|Py_XDECREF|Py_DecRef|Py_XDecRef|Py_CLEAR|Py_SETREF|Py_XSETREF)$/;

/** Same-file functions the module is passed to that release their parameter: a reason to refuse. */
export function calleesReleasingModule(ctx: BodyContext, functions: ReadonlyMap<string, FunctionInfo>): Refusal[] {
  const module = ctx.localModuleVar ?? ctx.globalTargets[0];
  if (!module) return [];
  const reasons: Refusal[] = [];
  for (const call of descendants(ctx.target.source.body)) {
    if (call.type !== 'call_expression') continue;
    const name = call.childForFieldName('function')?.text ?? '';
    const callee = functions.get(name);
    if (!callee || callee.name === ctx.target.source.name) continue;
    const args = codeChildren(call.childForFieldName('arguments') ?? call);
    const params = parameterNames(callee.node);
    args.forEach((arg, i) => {
      const passed = unwrapExpression(arg)?.text;
      const param = params[i];
      if (passed !== module || !param || !releasesName(callee.body, param)) return;
      addRefusal(reasons, refusal('callee-releases-module', `the module is passed to ${name}(), which releases its '${param}' argument; in exec the module is borrowed`, { start: call.startIndex, end: call.endIndex }));
    });
  }
  return reasons;
}

function releasesName(body: Node, name: string): boolean {
  for (const node of descendants(body)) {
    if (node.type !== 'call_expression' || !RELEASES.test(node.childForFieldName('function')?.text ?? '')) continue;
    const first = codeChildren(node.childForFieldName('arguments') ?? node)[0];
    const released = unwrapExpression(first ?? null);
    if (released?.type === 'identifier' && released.text === name) return true;
  }
  return false;
}

/** File-scope variables a function assigns, and static types it readies. */
function staticWrites(fn: FunctionInfo, cpp: boolean): string[] {
  const own = cpp ? boundNames(fn.node, fn.body) : localNames(fn.body);
  for (const p of parameterNames(fn.node)) own.add(p);
  const found: string[] = [];
  for (const node of descendants(fn.body)) {
    let what: string | undefined;
    if (node.type === 'assignment_expression' || node.type === 'update_expression') {
      const root = rootIdentifier(node.childForFieldName(node.type === 'assignment_expression' ? 'left' : 'argument'));
      if (root && !own.has(root)) what = `static ${root}`;
    } else if (node.type === 'call_expression' && /^(?:PyType_Ready|PyModule_AddType)$/.test(node.childForFieldName('function')?.text ?? '')) {
      const args = codeChildren(node.childForFieldName('arguments') ?? node);
      const typeArg = args[node.childForFieldName('function')?.text === 'PyType_Ready' ? 0 : 1];
      const root = typeArg?.type === 'pointer_expression' ? rootIdentifier(typeArg.childForFieldName('argument')) : undefined;
      if (root && !own.has(root)) what = `static type ${root}`;
    } else if (cpp && node.type === 'call_expression') {
      const object = memberCallTarget(node, own);
      if (object) what = `static ${object}`;
    }
    if (what && !found.includes(what)) found.push(what);
  }
  return found;
}

function parameterNames(fn: Node): string[] {
  const params = functionDeclarator(fn)?.childForFieldName('parameters');
  return (params?.namedChildren ?? [])
    .filter((p): p is Node => p?.type === 'parameter_declaration')
    .map((p) => declaredName(p.childForFieldName('declarator'))?.text)
    .filter((n): n is string => Boolean(n));
}
