// Every rule, in catalogue order.
import type { RuleCode } from '../findings';
import { negativeMSize } from './negativeMSize';
import type { Rule } from './rule';
import { singlePhaseInit } from './singlePhaseInit';

export const RULES: Partial<Record<RuleCode, Rule>> = {
  'single-phase-init': singlePhaseInit,
  'negative-m-size': negativeMSize,
};
