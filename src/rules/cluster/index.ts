import type { Rule } from '../../core/rule.js';

/** Rules of the cluster area, in the order they are listed. */
export const clusterRules: Rule[] = [];
