// The once-per-process guard (numpy's form). A multi-phase module can be
// executed again (after `del sys.modules[...]`, or in another interpreter);
// an init that wrote C statics or readied static types would then run over
// live state. The flag is set first, before any process-wide registration.
import type { TextEdit } from '../edits';
import { DOCS } from '../rules/catalogue';
import type { BodyContext } from './bodyContext';
import { freshName, isClaimed } from './bodyContext';
import type { GuardOption } from './options';
import { codeChildren, indentAt, lineStartOf, nextLineStart } from './text';

export function wantsGuard(option: GuardOption, ctx: BodyContext): boolean {
  if (option === 'always') return true;
  if (option === 'never') return false;
  return ctx.staticState.length > 0;
}

/** Indentation of the body's statements (preprocessor lines sit at column 0, so they do not count). */
function bodyIndent(ctx: BodyContext): string {
  const body = ctx.target.source.body;
  for (const statement of codeChildren(body)) {
    if (statement.type.startsWith('preproc_')) continue;
    if (ctx.text.slice(lineStartOf(ctx.text, statement.startIndex), statement.startIndex).trim() === '') return indentAt(ctx.text, statement.startIndex);
  }
  return indentAt(ctx.text, body.startIndex) + ctx.style.indent;
}

/** Insert the guard after the body's leading declarations (C89 keeps declarations first). */
export function guardEdit(ctx: BodyContext): TextEdit {
  const body = ctx.target.source.body;
  const statements = codeChildren(body);
  let lastDeclaration = -1;
  while (statements[lastDeclaration + 1]?.type === 'declaration') lastDeclaration++;
  const at = lastDeclaration >= 0 ? nextLineStart(ctx.text, statements[lastDeclaration]!.endIndex) : nextLineStart(ctx.text, body.startIndex);
  const indent = bodyIndent(ctx);
  const flag = freshName(ctx.mask, ['module_loaded', `${ctx.target.init.moduleName}_module_loaded`]);
  const { eol, indent: step, callGap: gap } = ctx.style;
  const lines = [
    ...guardComment(ctx.staticState),
    `static int ${flag} = 0;`,
    `if (${flag}) {`,
    `${step}PyErr_SetString${gap}(PyExc_ImportError,`,
    `${step}${' '.repeat(16 + gap.length)}"cannot load module more than once per process");`,
    `${step}return -1;`,
    `}`,
    `${flag} = 1;`,
  ];
  // Blank lines around the guard, unless the neighbours already give one.
  const keptDeclarations = statements.slice(0, lastDeclaration + 1).some((d) => !isClaimed(ctx, d));
  const nextIsBlank = ctx.text.slice(at, nextLineStart(ctx.text, at)).trim() === '';
  const blankBefore = keptDeclarations ? eol : '';
  const blankAfter = nextIsBlank ? '' : eol;
  const text = blankBefore + lines.map((l) => indent + l).join(eol) + eol + blankAfter;
  return { start: at, end: at, newText: text };
}

/** The comment above the guard: what state was found, and the HOWTO link on its own line. */
function guardComment(found: string[]): string[] {
  // `CounterType.tp_flags = ...` and `PyType_Ready(&CounterType)` name the same static type.
  const state = found.filter((s) => s.startsWith('static type ') || !found.includes(s.replace(/^static /, 'static type ')));
  const shown = state.length > 3 ? [...state.slice(0, 3), `${state.length - 3} more`] : state;
  const what = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  // With no state found the guard was asked for: say only what it does.
  const prose = what
    ? `This module keeps process-wide state (${what}), so it can be loaded only once per process. See`
    : 'This module opts out of being loaded more than once per process. See';
  const lines: string[] = [];
  let line = '';
  for (const word of prose.split(' ')) {
    if (line && line.length + word.length + 1 > 70) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return [`/* ${lines[0]}`, ...lines.slice(1).map((l) => ` * ${l}`), ` * ${DOCS.optOut}`, ' */'];
}
