import type { Rule } from '../../core/rule.js';

/** Rules of the rbac area, in the order they are listed. */
export const rbacRules: Rule[] = [];
