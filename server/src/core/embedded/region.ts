// An embedded region: C text found inside another document (a code block of
// a .rst/.md file, a string literal of a .py file), with the map from each
// offset of the C text back to the host document. The C text is what the
// core analyses and converts as if it were a file; findings and edits are
// carried back through the map, and edit text is re-encoded the host's way
// (block indentation, string escapes, template placeholders).
import type { Span } from '../model';
import type { LanguageId } from '../grammars';

/** A template placeholder (`#name#`, `{name}`, `%(name)s`) and the identifier that stands in for it in the C text. */
export interface Placeholder {
  /** As written in the host, `%(name)s`. */
  source: string;
  /** The identifier in the C text. */
  standIn: string;
}

export interface EmbeddedRegion {
  kind: 'code-block' | 'python-string';
  lang: LanguageId;
  /** The C text as the compiler would see it (placeholders replaced by stand-ins). */
  text: string;
  /**
   * Host offset of each C offset (length text.length + 1). -1 inside a
   * stand-in: no edit may start or end there.
   */
  hostOf: Int32Array;
  /** What the region occupies in the host (the block's lines, the literal with its quotes). */
  hostSpan: Span;
  /** The host spans the region is made of, when it is more than `hostSpan` (the strings of an assembled template). */
  hostParts?: Span[];
  placeholders: Placeholder[];
  /**
   * Turn C text written by the converter into host text for the place it
   * goes; throws when the host cannot hold it (a refusal).
   */
  encode(newText: string, place: EditPlace): string;
  /** Words for messages: "code block", "string literal". */
  noun: string;
}

/** Where an edit lands, for re-encoding its text. */
export interface EditPlace {
  /** Host text right after the edit. */
  hostAfter: string;
  /** The edit starts a line of the C text that is blank (its host line may lack the indentation). */
  startsBlankLine: boolean;
}

/** A C span as a host span: an end inside a stand-in grows to the stand-in's end. */
export function hostSpanOf(region: EmbeddedRegion, span: Span): Span {
  let start = span.start;
  while (start > 0 && region.hostOf[start]! < 0) start--;
  let end = span.end;
  while (end < region.text.length && region.hostOf[end]! < 0) end++;
  return { start: region.hostOf[start]!, end: Math.max(region.hostOf[start]!, region.hostOf[end]!) };
}

/** Put placeholders back where their stand-ins are (in edit text and in messages). */
export function restorePlaceholders(region: EmbeddedRegion, text: string): string {
  let out = text;
  for (const p of region.placeholders) out = out.split(p.standIn).join(p.source);
  return out;
}

/**
 * Host offsets of a C text built line by line: each entry of `lines` is a
 * host offset where that line's kept text starts and the kept text itself
 * (its line break included). Used by code blocks, whose lines lose their
 * common indentation.
 */
export function mapLines(lines: readonly { hostStart: number; text: string }[]): { text: string; hostOf: Int32Array } {
  const text = lines.map((l) => l.text).join('');
  const hostOf = new Int32Array(text.length + 1);
  let at = 0;
  for (const line of lines) {
    for (let i = 0; i < line.text.length; i++) hostOf[at + i] = line.hostStart + i;
    at += line.text.length;
  }
  const last = lines[lines.length - 1];
  hostOf[at] = last ? last.hostStart + last.text.length : 0;
  return { text, hostOf };
}

/**
 * Indent every line that `newText` starts after a line break, unless the
 * line is empty: the region's lines lost `indent` when they were extracted.
 * The host text after the edit decides whether the last line break starts
 * a non-empty line.
 */
export function reindent(newText: string, indent: string, place: EditPlace): string {
  if (!indent) return newText;
  const blankAfter = /^[ \t]*(\r?\n|$)/.test(place.hostAfter);
  let out = place.startsBlankLine && newText[0] !== '\n' && newText[0] !== '\r' ? indent : '';
  for (let i = 0; i < newText.length; i++) {
    const ch = newText[i]!;
    out += ch;
    if (ch !== '\n') continue;
    const nextBlank = i + 1 < newText.length ? newText[i + 1] === '\n' || newText[i + 1] === '\r' : blankAfter;
    if (!nextBlank) out += indent;
  }
  return out;
}
