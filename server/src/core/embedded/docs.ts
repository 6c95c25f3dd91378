// C and C++ code blocks of reStructuredText and Markdown documents:
// `.. code-block:: c`, `.. code:: cpp`, `.. sourcecode:: c`, literal `::`
// blocks while `.. highlight:: c` is in force, and fenced blocks marked c,
// cpp or c++. Each block becomes an embedded region whose lines lose the
// block's common indentation (and get it back in edits).
import type { LanguageId } from '../grammars';
import { mapLines, reindent, type EmbeddedRegion } from './region';

export type DocKind = 'rst' | 'md';

interface Line {
  start: number;
  /** Without its line break. */
  body: string;
  /** With its line break. */
  full: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\n]*(\n|$)/g;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
    lines.push({ start: m.index, body: m[0].replace(/\r?\n$/, ''), full: m[0] });
    if (m.index + m[0].length >= text.length) break;
  }
  return lines;
}

const isBlank = (line: Line): boolean => line.body.trim() === '';
const indentOf = (line: Line): number => /^[ \t]*/.exec(line.body)![0].length;

/** `c` → c, `cpp`/`c++`/`cxx` → cpp; anything else is not ours. */
export function blockLanguage(tag: string): LanguageId | undefined {
  const t = tag.trim().toLowerCase();
  if (t === 'c') return 'c';
  if (t === 'cpp' || t === 'c++' || t === 'cxx' || t === 'cc') return 'cpp';
  return undefined;
}

/** A region from lines [from, to) of a block, the common indentation taken off. */
function blockRegion(lines: readonly Line[], from: number, to: number, lang: LanguageId, maxStrip = Infinity): EmbeddedRegion | undefined {
  while (to > from && isBlank(lines[to - 1]!)) to--;
  while (from < to && isBlank(lines[from]!)) from++;
  if (from >= to) return undefined;
  const content = lines.slice(from, to);
  const strip = Math.min(maxStrip, ...content.filter((l) => !isBlank(l)).map(indentOf));
  const indent = content.find((l) => !isBlank(l))!.body.slice(0, strip);
  const kept = content.map((l) => {
    // A blank line keeps only its line break, standing for the whole host line (whitespace too).
    if (isBlank(l)) return { hostStart: l.start, text: l.full.slice(l.body.length) };
    return { hostStart: l.start + strip, text: l.full.slice(strip) };
  });
  const { text, hostOf } = mapLines(kept);
  const last = content[content.length - 1]!;
  return {
    kind: 'code-block',
    lang,
    text,
    hostOf,
    hostSpan: { start: content[0]!.start, end: last.start + last.full.length },
    placeholders: [],
    encode: (newText, place) => reindent(newText, indent, place),
    noun: 'code block',
  };
}

/** Lines after `at` that belong to an indented block under a line indented `parentIndent`. */
function indentedBlockEnd(lines: readonly Line[], at: number, parentIndent: number): number {
  let end = at;
  for (let i = at; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (indentOf(line) <= parentIndent) break;
    end = i + 1;
  }
  return end;
}

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+(code-block|code|sourcecode)::[ \t]*(\S*)[ \t]*$/;
const HIGHLIGHT = /^[ \t]*\.\.[ \t]+highlight::[ \t]*(\S*)[ \t]*$/;
const OPTION = /^[ \t]*:[\w-]+:/;

export function rstRegions(text: string): EmbeddedRegion[] {
  const lines = splitLines(text);
  const regions: EmbeddedRegion[] = [];
  let highlight: LanguageId | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const light = HIGHLIGHT.exec(line.body);
    if (light) {
      highlight = blockLanguage(light[1]!);
      continue;
    }
    const directive = DIRECTIVE.exec(line.body);
    const literal = !directive && highlight && /(^|[^:\s]|\s)::[ \t]*$/.test(line.body) && !/^[ \t]*\.\./.test(line.body);
    if (!directive && !literal) continue;
    const lang = directive ? (directive[3] ? blockLanguage(directive[3]) : highlight) : highlight;
    const parent = indentOf(line);
    let body = i + 1;
    // Directive options (`:linenos:`) sit right under the directive, before the content.
    if (directive) while (body < lines.length && !isBlank(lines[body]!) && OPTION.test(lines[body]!.body) && indentOf(lines[body]!) > parent) body++;
    const end = indentedBlockEnd(lines, body, parent);
    if (lang && end > body) {
      const region = blockRegion(lines, body, end, lang);
      if (region) regions.push(region);
    }
    i = Math.max(i, end - 1);
  }
  return regions;
}

const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*\{?\.?([^\s`{}]*)/;

export function markdownRegions(text: string): EmbeddedRegion[] {
  const lines = splitLines(text);
  const regions: EmbeddedRegion[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!.body);
    if (!open) continue;
    const [, indent, fence] = open;
    let close = i + 1;
    const closing = new RegExp(`^[ \\t]*${fence![0] === '`' ? '`' : '~'}{${fence!.length},}[ \\t]*$`);
    while (close < lines.length && !closing.test(lines[close]!.body)) close++;
    const lang = blockLanguage(open[3]!);
    if (lang) {
      const region = blockRegion(lines, i + 1, close, lang, indent!.length);
      if (region) regions.push(region);
    }
    i = close;
  }
  return regions;
}

export function docRegions(text: string, kind: DocKind): EmbeddedRegion[] {
  return kind === 'rst' ? rstRegions(text) : markdownRegions(text);
}
