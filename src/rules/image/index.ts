import type { Rule } from '../../core/rule.js';

/** Rules of the image area, in the order they are listed. */
export const imageRules: Rule[] = [];
