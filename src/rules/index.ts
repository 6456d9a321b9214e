import type { Rule } from '../core/rule.js';
import { cloudRules } from './cloud/index.js';
import { clusterRules } from './cluster/index.js';
import { imageRules } from './image/index.js';
import { nodeRules } from './node/index.js';
import { pssRules } from './pss/index.js';
import { rbacRules } from './rbac/index.js';
import { workloadRules } from './workload/index.js';

/** Every built-in rule. Each area owns its list; ids are unique across areas (a meta-test checks). */
export const builtinRules: readonly Rule[] = [
  ...pssRules,
  ...workloadRules,
  ...rbacRules,
  ...nodeRules,
  ...imageRules,
  ...cloudRules,
  ...clusterRules,
];

export function findRule(idOrAlias: string, rules: readonly Rule[] = builtinRules): Rule | undefined {
  return rules.find((r) => r.id === idOrAlias || r.aliases?.includes(idOrAlias));
}
