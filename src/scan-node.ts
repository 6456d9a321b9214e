import { collectNode, type Benchmark, type CollectNodeOptions } from './collectors/node/collect.js';
import { evaluateInventory, type EvaluateInventoryOptions } from './scan.js';
import { buildReport, type Report } from './reporters/report.js';
import { nodeRules } from './rules/node/index.js';

export interface ScanNodeOptions extends EvaluateInventoryOptions, CollectNodeOptions {
  version?: string;
}

/**
 * Collects the facts of the node under `root` and evaluates the node rules: the library entry
 * point behind `rampart node`. Throws NotANodeError when `root` is not a Kubernetes node.
 */
export function scanNode(root: string, options: ScanNodeOptions = {}): Report {
  const inventory = collectNode(root, options);
  const { result, rules } = evaluateInventory(inventory, { ...options, rules: options.rules ?? nodeRules });
  const benchmark = inventory.context?.benchmark as Benchmark;
  return buildReport(result, rules, {
    version: options.version ?? '0.0.0',
    target: { kind: 'node', inputs: [root] },
    settings: { benchmark, config: options.config?.file },
    now: options.settings?.now,
  });
}
