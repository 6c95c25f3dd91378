// What an open document remembers about its functions between analyses, so
// a keystroke does not re-read the whole file's functions. Typing happens
// inside one function body almost always; when the edit and every range
// whose syntax changed (tree-sitter's changed ranges) lie inside the body of
// one function, the file's function list is the previous one with offsets
// shifted, and tree nodes are looked up only for the functions the analysis
// reads. Anything else (several edits, a brace that moves a body's end, a
// header edit) re-collects the whole list.
import type { Edit, Node, Range, Tree } from 'web-tree-sitter';
import type { FunctionInfo } from '../model';

/** What a function's header says, by offsets from the function's start: the same wherever the header moves. */
export interface HeaderFacts {
  name: string;
  nameStart: number;
  nameEnd: number;
  firstParam?: string;
}

/** A function as plain offsets, valid for the text it was collected from. */
interface PlainFunction {
  name: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  bodyStart: number;
  bodyEnd: number;
  firstParam?: string;
}

interface PendingEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Ranges (new offsets) whose syntactic structure changed. */
  changed: { start: number; end: number }[];
}

export class FunctionMemo {
  /** Header facts by header text (see collectFunctions). */
  readonly headers = new Map<string, HeaderFacts | null>();
  private functions: PlainFunction[] | null = null;
  /** The tree `functions` were read from (a second analysis of the same tree reads nothing again). */
  private tree: Tree | null = null;
  /** The one edit since the last collection; null once it is more than one, or unknown. */
  private edit: PendingEdit | null | undefined;

  /** A document change, applied to the old tree and re-parsed: `changed` is old.getChangedRanges(new). */
  noteEdit(edits: readonly Edit[], changed: readonly Range[]): void {
    const only = edits.length === 1 ? edits[0]! : undefined;
    this.edit = this.edit === undefined && only ? { start: only.startIndex, oldEnd: only.oldEndIndex, newEnd: only.newEndIndex, changed: changed.map((r) => ({ start: r.startIndex, end: r.endIndex })) } : null;
  }

  /** The text was replaced or not parsed: the next collection reads everything. */
  forget(): void {
    this.edit = null;
  }

  remember(functions: readonly FunctionInfo[], tree: Tree): void {
    this.edit = undefined;
    this.tree = tree;
    this.functions = functions.map((f) => ({
      name: f.name,
      start: f.span.start,
      end: f.span.end,
      nameStart: f.nameSpan.start,
      nameEnd: f.nameSpan.end,
      bodyStart: f.body.startIndex,
      bodyEnd: f.body.endIndex,
      firstParam: f.firstParam,
    }));
  }

  /** The previous functions, shifted past the edit, when the edit stayed inside one body; else null. */
  shifted(tree: Tree): FunctionInfo[] | null {
    const edit = this.edit;
    const previous = this.functions;
    if (edit === undefined && previous && tree === this.tree) return previous.map((f) => lazyFunction(tree, f));
    if (!edit || !previous) return null;
    const delta = edit.newEnd - edit.oldEnd;
    // Strictly between the body's braces, in old offsets; the changes in new offsets.
    const host = previous.find((f) => edit.start > f.bodyStart && edit.oldEnd < f.bodyEnd - 1);
    if (!host) return null;
    const hostBodyEnd = host.bodyEnd + delta;
    if (!edit.changed.every((r) => r.start > host.bodyStart && r.end < hostBodyEnd)) return null;
    const node = functionAt(tree, host.start);
    const body = node?.childForFieldName('body');
    if (!node || node.endIndex !== host.end + delta || body?.startIndex !== host.bodyStart || body.endIndex !== hostBodyEnd) return null;
    // In place: the plain list belongs to the memo. Functions before the edit do not move.
    const from = edit.oldEnd;
    for (const f of previous) {
      if (f.end < from) continue;
      if (f.start >= from) {
        f.start += delta;
        f.nameStart += delta;
        f.nameEnd += delta;
        f.bodyStart += delta;
      }
      f.end += delta;
      f.bodyEnd += delta;
    }
    this.tree = tree;
    this.edit = undefined;
    return previous.map((f) => lazyFunction(tree, f));
  }
}

/** The function_definition starting at `start`. */
function functionAt(tree: Tree, start: number): Node | null {
  for (let n: Node | null = tree.rootNode.descendantForIndex(start, start); n; n = n.parent) {
    if (n.type === 'function_definition' && n.startIndex === start) return n;
  }
  return null;
}

/** A FunctionInfo whose nodes are found in the tree when first read. */
function lazyFunction(tree: Tree, f: PlainFunction): FunctionInfo {
  return new LazyFunction(tree, f.name, { start: f.start, end: f.end }, { start: f.nameStart, end: f.nameEnd }, f.firstParam);
}

/**
 * Getters on the prototype (cheap to make two thousand per keystroke): a
 * spread copy does not carry them, so buildModel copies node and body by name.
 */
class LazyFunction implements FunctionInfo {
  readonly reparsed = false;
  private resolvedNode: Node | undefined;
  private resolvedBody: Node | undefined;

  constructor(
    private readonly tree: Tree,
    readonly name: string,
    readonly span: { start: number; end: number },
    readonly nameSpan: { start: number; end: number },
    readonly firstParam: string | undefined,
  ) {}

  get node(): Node {
    this.resolvedNode ??= functionAt(this.tree, this.span.start) ?? undefined;
    if (!this.resolvedNode) throw new Error(`function ${this.name} is not at offset ${this.span.start} of the re-parsed tree`);
    return this.resolvedNode;
  }

  get body(): Node {
    this.resolvedBody ??= this.node.childForFieldName('body') ?? undefined;
    if (!this.resolvedBody) throw new Error(`function ${this.name} has no body in the re-parsed tree`);
    return this.resolvedBody;
  }
}
