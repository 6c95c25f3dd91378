// Convert All and Convert File for documents that embed C: the document's
// regions are converted as the CLI's `fix` converts them, one edit group per
// code block or string, from the editor's buffer when the document is open.
import { describeRefusal } from '../core/convert/refusalCatalogue';
import { hostEnabled, hostKindForPath, type HostKind } from '../core/embedded/hosts';
import { embeddedOptionsFrom } from '../core/settings';
import { LineIndex } from '../core/text/lines';
import { decodeSource, readSourceBytes } from '../files/sources';
import type { PlannedFile, RefusedModule } from './appliedCheck';
import type { ServerContext } from './context';
import { analyzeHostText } from './embeddedDocuments';
import { pathToUri } from './uris';
import type { EditGroup } from './workspaceEdit';
import type { RegionEdits } from '../core/embedded/analyze';

export interface EmbeddedPlanOutcome {
  planned: PlannedFile | null;
  refused: RefusedModule[];
  skipped?: string;
}

/** Whether `path` is a document whose embedded C the settings let in. */
export function embeddedKindFor(ctx: ServerContext, path: string): HostKind | undefined {
  const kind = hostKindForPath(path);
  return kind && hostEnabled(kind, embeddedOptionsFrom(ctx.settings.current)) ? kind : undefined;
}

/** "code block at line 12", "string at line 3": where a region is, for labels and summaries. */
export function placeOf(kind: HostKind, lines: LineIndex): (offset: number) => string {
  return (offset) => `${kind === 'py' ? 'string' : 'code block'} at line ${lines.positionAt(offset).line + 1}`;
}

/** One region's conversion as an edit group, labelled with its modules and place. */
export function editGroupOf(group: RegionEdits, where: (offset: number) => string): EditGroup {
  return { label: `Convert ${group.modules.map((m) => `'${m}'`).join(', ')} (${where(group.span.start)}) to multi-phase initialization (PEP 489)`, edits: group.edits };
}

export function planEmbedded(ctx: ServerContext, path: string, kind: HostKind): EmbeddedPlanOutcome {
  const open = ctx.documents.embedded.forPath(path);
  const uri = open?.uri ?? pathToUri(path);
  let text: string;
  if (open) text = open.text;
  else {
    const read = readSourceBytes(path);
    if (read.kind !== 'bytes') return { planned: null, refused: [], skipped: read.kind === 'error' ? `cannot read it: ${read.message}` : read.reason };
    const source = decodeSource(read.content);
    if (source.kind !== 'text') return { planned: null, refused: [], skipped: source.reason };
    text = source.text;
  }
  const analysis = analyzeHostText(text, kind, ctx.settings.conversionOptions, embeddedOptionsFrom(ctx.settings.current));
  const lines = open ? open.lines : new LineIndex(text);
  const where = placeOf(kind, lines);
  const refused = analysis.results.filter((r) => !r.ok).map((r) => ({ file: uri, module: `${r.module} (${where(r.span.start)})`, reasons: r.ok ? [] : r.reasons.map(describeRefusal) }));
  if (analysis.groups.length === 0) return { planned: null, refused };
  const groups = analysis.groups.map((g) => editGroupOf(g, where));
  const modules = analysis.groups.flatMap((g) => g.modules);
  return { planned: { edits: { uri, version: open ? open.version : null, lines, groups }, modules }, refused };
}
