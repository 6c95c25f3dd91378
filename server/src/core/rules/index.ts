// Every rule, in catalogue order.
import type { RuleCode } from '../findings';
import { execDecrefsModule } from './execDecrefsModule';
import { execReturnsPointer } from './execReturnsPointer';
import { importMacroInExec } from './importMacroInExec';
import { missingGilSlot } from './missingGilSlot';
import { missingMultipleInterpretersSlot } from './missingMultipleInterpretersSlot';
import { moduleStateLookup } from './moduleStateLookup';
import { negativeMSize } from './negativeMSize';
import type { Rule } from './rule';
import { gilUsedSlot } from './gilUsedSlot';
import { setGilCall } from './setGilCall';
import { singlePhaseInit } from './singlePhaseInit';

export const RULES: Record<RuleCode, Rule> = {
  'single-phase-init': singlePhaseInit,
  'negative-m-size': negativeMSize,
  'missing-gil-slot': missingGilSlot,
  'missing-multiple-interpreters-slot': missingMultipleInterpretersSlot,
  'module-state-lookup': moduleStateLookup,
  'exec-decrefs-module': execDecrefsModule,
  'exec-returns-pointer': execReturnsPointer,
  'import-macro-in-exec': importMacroInExec,
  'set-gil-call': setGilCall,
  'gil-used-slot': gilUsedSlot,
};
