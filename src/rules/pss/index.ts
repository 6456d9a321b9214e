import type { Rule } from '../../core/rule.js';

/** Rules of the pss area, in the order they are listed. */
export const pssRules: Rule[] = [];
