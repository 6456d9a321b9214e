import type { Rule } from '../../core/rule.js';

/** Rules of the node area, in the order they are listed. */
export const nodeRules: Rule[] = [];
