// The result of analysis: findings with plain offsets, no LSP types.
import type { Refusal } from './convert/refusalCatalogue';
import type { ModuleState } from './analysis/moduleState';
import type { TextEdit } from './edits';
import type { Span } from './model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleCode =
  | 'single-phase-init'
  | 'negative-m-size'
  | 'missing-gil-slot'
  | 'missing-multiple-interpreters-slot'
  | 'module-state-lookup'
  | 'exec-decrefs-module'
  | 'exec-returns-pointer'
  | 'import-macro-in-exec'
  | 'set-gil-call'
  | 'gil-used-slot';

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedInfo[];
  /** An automatic fix exists for this finding: `fix` is set and, for a conversion, not refused. */
  fixable: boolean;
  /** How the finding is fixed, attached by its rule when the file is analysed. */
  fix?: FindingFix;
  /** Module (PyInit name suffix or def name) the finding belongs to. */
  module?: string;
  /** Why the conversion is refused, for single-phase-init findings. */
  refusal?: Refusal[];
  /** The module's process-wide state as this file shows it, for single-phase-init findings. */
  state?: ModuleState;
}

/**
 * A finding's fix: edits of its own (plain offsets, the file's line ends), or
 * converting its module, whose edits the converter makes on demand.
 */
export type FindingFix =
  /**
   * `onlyOnRequest`: a claim the code cannot show (gil-used-slot's "audited for
   * free-threading"), so it is offered one finding at a time, never applied by
   * fix-all or `fix --rules`.
   */
  | { kind: 'edits'; title: string; edits: TextEdit[]; onlyOnRequest?: boolean }
  /** `refused`: the converter's reasons when it will not convert the module. */
  | { kind: 'conversion'; module: string; refused?: Refusal[] };
