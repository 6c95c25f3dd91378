// Code a template's placeholders or the caller fill in, which the tool does
// not see, but which the conversion moves into the exec function: there a
// `return NULL` (or numpy's `import_array()`) is wrong, since exec returns
// an int. These helpers find whether such a spot is inside an int-returning
// function of the converted C, and say so in one sentence.
import type { Placeholder } from './region';

/** What code inside exec must change, said once for every such note. */
export const EXEC_RETURNS_INT = "which returns an int: a `return NULL` there must become `return -1`, and NumPy's `import_array()` must become `import_array1(-1)` (`import_umath()`: `import_umath1(-1)`)";

/** Offsets of the `{` still open at `offset`, outermost first (comments and strings skipped). */
export function openBraces(text: string, offset: number): number[] {
  const masked = text.slice(0, offset).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => ' '.repeat(m.length));
  const stack: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] === '{') stack.push(i);
    else if (masked[i] === '}') stack.pop();
  }
  return stack;
}

/**
 * `offset` is inside a function of the shape of an exec function, `int
 * name(PyObject *m) { ... }`: the outermost open brace that follows a
 * parameter list (an `extern "C" {` around it is not one).
 */
export function inIntFunction(text: string, offset: number): boolean {
  for (const open of openBraces(text, offset)) {
    const header = text.slice(Math.max(0, open - 200), open);
    if (!/\)\s*$/.test(header)) continue;
    return /\bint\s+\w+\s*\(\s*PyObject\s*\*\s*\w+\s*\)\s*$/.test(header);
  }
  return false;
}

/** Whether the end of `text` is statement code: inside a function body (some open brace follows a parameter list), not in an initializer. */
export function inFunctionBody(text: string): boolean {
  const open = openBraces(text, text.length);
  const before = (at: number): string => text.slice(Math.max(0, at - 200), at);
  // Inside an initializer (`= {`, `, {`, `{ {`) even in a function, a line is data, not a statement.
  const innermost = open[open.length - 1];
  if (innermost === undefined || /[=,{[]\s*$/.test(before(innermost))) return false;
  return open.some((at) => /\)\s*$/.test(before(at)));
}

/**
 * A placeholder's stand-in for where it is. At the start of a line inside a
 * function body, followed by nothing or by another statement, it is statements
 * the tool cannot see: a call of a function defined elsewhere (kept by the
 * converter, counted by the state analysis as unknown; the `;` keeps the
 * code after it on the line a statement of its own). Alone on its lines
 * elsewhere, a comment; anywhere else, an identifier.
 */
export function standInFor(id: string, before: string, restOfLine: string): string {
  if (!/(^|\n)[ \t]*$/.test(before)) return id;
  // Followed by nothing, or by a space and a new statement (`return m;`): statements; `_error = ...`, `".");`: part of an expression.
  if (inFunctionBody(before)) return /^\s*$|^\s+[A-Za-z_{}]/.test(restOfLine) ? `${id}();` : id;
  return restOfLine.trim() === '' ? `/*${id}*/` : id;
}

/** The identifier of a stand-in of any form. */
export function standInId(standIn: string): string {
  return standIn.replace(/^\/\*|\*\/$|\(\);$/g, '');
}

/** One note for the placeholders standing alone on their lines (whole lines of code) inside an int function. */
export function placeholderCodeNote(converted: string, placeholders: readonly Placeholder[]): string | undefined {
  const inside = placeholders.filter((p) => {
    if (!p.standIn.endsWith('();')) return false;
    const at = converted.indexOf(p.standIn);
    return at >= 0 && inIntFunction(converted, at);
  });
  if (!inside.length) return undefined;
  return `Generator code: the lines that ${inside.map((p) => p.source).join(', ')} ${inside.length > 1 ? 'fill' : 'fills'} in are not seen, and now run inside the exec function, ${EXEC_RETURNS_INT}.`;
}
