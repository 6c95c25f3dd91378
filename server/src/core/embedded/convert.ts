// Converting embedded C: the region's C text goes through the same file
// conversion as a .c file (same edits, same refusals); the changed lines come
// back as host edits, re-encoded for the host (indentation, escapes,
// placeholders). A region whose edits cannot be carried back is refused.
import type { ConversionResult } from '../convert';
import { convertFileText, type FileConversion } from '../convert/file';
import type { ConversionOptions } from '../convert/options';
import { refusal, type Refusal } from '../convert/refusalCatalogue';
import type { TextEdit } from '../edits';
import type { PythonRegion } from './pythonRegions';
import { restorePlaceholders, type EmbeddedRegion } from './region';
import { isAssembled, PiecesError } from './assembledRegion';
import { placeholderCodeNote } from './execCode';
import { anchoredLineEdits, lineEdits } from './lineDiff';

export interface RegionConversion {
  results: ConversionResult[];
  /** Host edits of the modules converted (empty when every module was refused). */
  edits: TextEdit[];
  /** Modules a `multiphase: ignore` comment in the region leaves alone. */
  silenced: string[];
}


/** A region edit as a host edit; throws when an end falls inside a placeholder's stand-in. */
function hostEdit(region: EmbeddedRegion, host: string, edit: TextEdit): TextEdit {
  const start = region.hostOf[edit.start]!;
  const end = region.hostOf[edit.end]!;
  if (start < 0 || end < 0) throw new Error('an edit would cut through a template placeholder');
  const startsBlankLine = (edit.start === 0 || region.text[edit.start - 1] === '\n') && /^(\r?\n|$)/.test(region.text.slice(edit.start, edit.start + 2));
  // At the region's end comes the host's own text (closing quotes, a fence, prose): no indentation is owed to it.
  const hostAfter = edit.end === region.text.length ? '' : host.slice(end, end + 80);
  return { start, end, newText: region.encode(edit.newText, { hostAfter, startsBlankLine }) };
}

/** Why a refusal in a region is what it is: the file words become the region's. */
export function regionReason(region: EmbeddedRegion, reason: string): string {
  return restorePlaceholders(region, reason).replace(/\bthis file\b/g, `this ${region.noun}`);
}

/** A refusal in the region's words. */
export function regionRefusal(region: EmbeddedRegion, r: Refusal): Refusal {
  return { ...r, message: regionReason(region, r.message) };
}

/** The template reason added to a refusal when the literal is only one piece of the C text. */
export function piecesReason(region: EmbeddedRegion): Refusal | undefined {
  if (region.kind !== 'python-string' || !('joins' in region)) return undefined;
  const { joins } = region as PythonRegion;
  if (!joins.pieces) return undefined;
  return refusal('embedded-pieces', `the template builds the C text from several pieces${joins.computed ? ` (joined with the computed piece \`${joins.computed}\`)` : ''}, so this string holds only part of the module; convert the template by hand`);
}

/** `converted`: the file conversion of the region's text, when the caller has it already. */
export function convertRegion(region: EmbeddedRegion, host: string, options: ConversionOptions, converted: FileConversion = convertFileText(region.text, region.lang, options)): RegionConversion {
  const extra = piecesReason(region);
  const results: ConversionResult[] = converted.results.map((r) => {
    const module = restorePlaceholders(region, r.module);
    if (r.ok) return { ...r, module, edits: [], ...(r.notes ? { notes: r.notes.map((n) => regionReason(region, n)) } : {}) };
    return { ...r, module, reasons: [...r.reasons.map((reason) => regionRefusal(region, reason)), ...(extra ? [extra] : [])] };
  });
  const silenced = converted.silenced.map((m) => restorePlaceholders(region, m));
  if (converted.text === region.text) return { results, edits: [], silenced };
  try {
    if (!isAssembled(region)) {
      const generated = placeholderCodeNote(converted.text, region.placeholders);
      const noted = generated ? results.map((r) => (r.ok ? { ...r, notes: [...(r.notes ?? []), regionReason(region, generated)] } : r)) : results;
      return { results: noted, edits: lineEdits(region.text, converted.text).map((e) => hostEdit(region, host, e)), silenced };
    }
    const amended = region.amend(converted.text);
    const edits = anchoredLineEdits(region.text, amended.text, region.assembly.opaque.map((o) => o.standIn));
    const notes = [...region.notes(amended.text), ...amended.notes].map((n) => regionReason(region, n));
    return { results: results.map((r) => (r.ok ? { ...r, notes: [...(r.notes ?? []), ...notes] } : r)), edits: edits.flatMap((e) => region.hostEdits(e, host)), silenced };
  } catch (err) {
    if (err instanceof PiecesError) {
      const reason = refusal('embedded-pieces', err.message);
      return { results: results.map((r) => (r.ok ? { ok: false, module: r.module, reasons: [reason] } : r)), edits: [], silenced };
    }
    const reason = refusal('embedded-write-back', `the converted code cannot be written back into the ${region.noun}: ${err instanceof Error ? err.message : String(err)}`);
    return { results: results.map((r) => (r.ok ? { ok: false, module: r.module, reasons: [reason] } : r)), edits: [], silenced };
  }
}
