import { Option, type Command } from 'commander';
import { addClusterOptions, collectWithFlags, type ClusterFlags } from '../cluster-flags.js';
import { addConfigOption, addOutputOptions, emitReport, exitCodeFor, loadConfigFor, splitList, type ConfigFlags, type OutputFlags } from '../common.js';
import { UserError } from '../errors.js';
import { toolVersion } from '../version.js';

interface ClusterScanFlags extends OutputFlags, ConfigFlags, ClusterFlags {
  pssLevel?: 'privileged' | 'baseline' | 'restricted';
  pssVersion?: string;
  only?: string[];
  skip?: string[];
  allRules?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('cluster')
    .summary('scan a running cluster through its API server')
    .description(
      `Read a running cluster (workloads, pods, namespaces, RBAC, NetworkPolicies, Services, Ingresses,
admission webhooks, nodes, the server version; Secrets as metadata only) and judge it with every rule,
including the cluster-wide and cloud checks. Permissions that are missing make the scan partial: the
report names what could not be read and which checks were skipped.`,
    );
  addClusterOptions(cmd);
  cmd
    .addOption(new Option('--pss-level <level>', 'Pod Security level for namespaces without an enforce label').choices(['privileged', 'baseline', 'restricted']))
    .option('--pss-version <version>', 'Pod Security policy version where the namespace pins none: latest or v1.N')
    .option('--only <areas-or-rules...>', 'run only these areas or rule ids')
    .option('--skip <areas-or-rules...>', 'do not run these areas or rule ids')
    .option('--all-rules', 'also run the rules that are off by default');
  addOutputOptions(cmd);
  addConfigOption(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  rampart cluster
  rampart cluster --context prod -n payments --format json -o prod.json
  rampart cluster --read-secrets --only cloud`,
  );
  cmd.action(async (flags: ClusterScanFlags) => {
    if (flags.pssVersion && !/^(latest|v1\.\d+)$/.test(flags.pssVersion)) throw new UserError(`--pss-version must be latest or v1.N (got "${flags.pssVersion}")`);
    const { config, diagnostics } = await loadConfigFor(flags, process.cwd());
    const collection = await collectWithFlags(flags);
    const { inventoryFromCollection } = await import('../../collectors/cluster/inventory.js');
    const { evaluateInventory } = await import('../../scan.js');
    const { buildReport } = await import('../../reporters/report.js');
    const inventory = inventoryFromCollection(collection, { origin: 'cluster' });
    const { result, rules } = evaluateInventory(inventory, {
      config,
      selection: { only: splitList(flags.only), skip: splitList(flags.skip), all: flags.allRules },
      settings: { ...(flags.pssLevel ? { pssLevel: flags.pssLevel } : {}), ...(flags.pssVersion ? { pssVersion: flags.pssVersion } : {}) },
    });
    const report = buildReport(result, rules, {
      version: toolVersion(),
      target: { kind: 'cluster', inputs: [collection.cluster.context ?? collection.cluster.name] },
      settings: { pssLevel: flags.pssLevel ?? config.pss?.level ?? 'restricted', pssVersion: flags.pssVersion ?? config.pss?.version ?? 'latest', config: config.file },
    });
    report.diagnostics.unshift(...diagnostics);
    await emitReport(report, flags);
    process.exitCode = exitCodeFor(report, (flags.failOn ?? config.failOn ?? 'low') as never);
  });
}
