// The result of analysis: findings with plain offsets, no LSP types.
import type { ModuleState } from './analysis/moduleState';
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
  /** An automatic fix exists for this finding. */
  fixable: boolean;
  /** Module (PyInit name suffix or def name) the finding belongs to. */
  module?: string;
  /** Why the conversion is refused, for single-phase-init findings. */
  refusal?: string[];
  /** The module's process-wide state as this file shows it, for single-phase-init findings. */
  state?: ModuleState;
}
