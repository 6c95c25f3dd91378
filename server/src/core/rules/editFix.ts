// What the rules' edit fixes share: the module a finding belongs to, and
// edits finished for the file's line ends.
import type { TextEdit } from '../edits';
import type { Finding, FindingFix } from '../findings';
import type { FileModel, ModuleInfo } from '../model';
import { editsForLineEnds } from '../text/lineEndings';

/** A fix made of `edits` (written with LFs on the model's text), or none where no line end is right. */
export function editFix(model: FileModel, title: string, edits: TextEdit[]): FindingFix | undefined {
  const written = editsForLineEnds(model.loneCarriageReturns, edits);
  return written ? { kind: 'edits', title, edits: written } : undefined;
}

/** The module a finding names, preferring the one whose slots, def or init hold it. */
export function moduleOfFinding(model: FileModel, finding: Finding): ModuleInfo | undefined {
  const inside = (m: ModuleInfo): boolean =>
    [m.slots?.initSpan, m.def?.initSpan, m.init?.span].some((span) => span && span.start <= finding.span.start && finding.span.end <= span.end);
  return model.modules.find((m) => m.name === finding.module && inside(m)) ?? model.modules.find((m) => m.name === finding.module) ?? model.modules.find(inside);
}
