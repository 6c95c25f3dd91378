// exec-decrefs-module: the module an exec function receives is borrowed;
// releasing it frees a module the interpreter still owns.
import type { Node } from 'web-tree-sitter';
import { callsIn } from '../analysis/creations';
import type { TextEdit } from '../edits';
import type { Finding, FindingFix } from '../findings';
import { descendants, spanOf } from '../analysis/nodes';
import { lineStartOf } from '../convert/text';
import type { FileModel } from '../model';
import { execFunctions } from './context';
import { editFix } from './editFix';
import { makeFinding, type Rule, type RuleContext } from './rule';

const RELEASES = new Set(['Py_DECREF', 'Py_XDECREF', 'Py_CLEAR', 'Py_SETREF', 'Py_XSETREF']);

export const execDecrefsModule: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { exec, module } of execFunctions(ctx.model)) {
    const param = exec.firstParam;
    if (!param) continue;
    for (const site of callsIn(exec.body, ctx.model.lang)) {
      if (!RELEASES.has(site.name) || plainName(site.args.namedChild(0)) !== param) continue;
      findings.push(
        makeFinding('exec-decrefs-module', spanOf(site.call), `${site.name}(${param}) in Py_mod_exec function '${exec.name}': the module passed to exec is a borrowed reference, and releasing it frees a module the interpreter still owns (a crash). Remove the call; return -1 with an exception set to report failure.`, {
          module: module.name,
        }),
      );
    }
  }
  return findings;
}

/** `m`, `(m)`, `(PyObject *)m` -> `m`. */
function plainName(arg: Node | null): string | undefined {
  let node = arg;
  while (node && (node.type === 'parenthesized_expression' || node.type === 'cast_expression')) {
    node = node.type === 'cast_expression' ? node.childForFieldName('value') : node.namedChild(0);
  }
  return node?.type === 'identifier' ? node.text : undefined;
}

/** Drop the `Py_DECREF(m);` statement, when it can go without changing what surrounds it. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const call = callAt(ctx, finding);
  if (!call || !removableStatement(call)) return undefined;
  const edit = dropStatement(ctx.model, finding);
  return edit ? editFix(ctx.model, 'Remove the release of the module (exec borrows it)', [edit]) : undefined;
}

function callAt(ctx: RuleContext, finding: Finding): Node | undefined {
  for (const { exec } of execFunctions(ctx.model)) {
    if (finding.span.start < exec.body.startIndex || finding.span.end > exec.body.endIndex) continue;
    for (const node of descendants(exec.body)) {
      if (node.type === 'call_expression' && node.startIndex === finding.span.start && node.endIndex === finding.span.end) return node;
    }
  }
  return undefined;
}

/** Offset of the last character before `offset` that is code (comments and literals skipped). */
function previousCode(mask: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(mask[i]!)) i--;
  return i;
}

function dropStatement(model: FileModel, finding: Finding): TextEdit | null {
  const { text, mask } = model;
  const afterCall = /^\s*;/.exec(mask.slice(finding.span.end, finding.span.end + 64));
  if (!afterCall) return null;
  const end = finding.span.end + afterCall[0].length;
  const prev = previousCode(mask, finding.span.start);
  const prevChar = prev >= 0 ? mask[prev]! : '{';
  // After `if (...)`, `else` or `do` the statement is a branch body: keep an empty one.
  if (!';{}:'.includes(prevChar)) return { start: finding.span.start, end, newText: '{}' };
  // A label needs a statement after it (before C23): keep an empty one when nothing else follows.
  const nextCode = /\S/.exec(mask.slice(end));
  if (prevChar === ':' && nextCode?.[0] === '}') return { start: finding.span.start, end, newText: ';' };
  const lineStart = lineStartOf(text, finding.span.start);
  const lineEnd = text.indexOf('\n', end);
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, finding.span.start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd));
  if (aloneOnLine) return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1, newText: '' };
  const trailing = /^[ \t]*/.exec(text.slice(end))![0].length;
  return { start: finding.span.start, end: end + trailing, newText: '' };
}

/**
 * The fix deletes the `Py_DECREF(m);` statement. That is only safe when
 * the call is the whole statement and the statement sits in a block, or
 * after a label that another statement still follows (`error: ... return -1;`);
 * `if (x) Py_DECREF(m);` would lose its body.
 */
function removableStatement(call: Node): boolean {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChild(0)?.id !== call.id) return false;
  const holder = statement.parent;
  if (holder?.type === 'compound_statement') return true;
  return holder?.type === 'labeled_statement' && holder.nextNamedSibling !== null && holder.nextNamedSibling.type !== 'comment';
}
