import type { Rule } from '../../core/rule.js';

/** Rules of the cloud area, in the order they are listed. */
export const cloudRules: Rule[] = [];
