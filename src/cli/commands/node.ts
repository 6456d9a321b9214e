import { Option, type Command } from 'commander';
import { addConfigOption, addOutputOptions, emitReport, loadConfigFor, splitList, type ConfigFlags, type OutputFlags } from '../common.js';
import { addComplianceOptions, applyComplianceOptions, exitCodeWithBaseline, storeIfAsked, type ComplianceFlags } from '../compliance.js';
import { EXIT, UserError } from '../errors.js';
import { toolVersion } from '../version.js';

interface NodeFlags extends OutputFlags, ConfigFlags, ComplianceFlags {
  root: string;
  benchmark?: 'cis-ck8s' | 'cis-kubeadm' | 'stig';
  only?: string[];
  skip?: string[];
}

export function register(program: Command): void {
  const cmd = program
    .command('node')
    .summary('check this node (or a node filesystem) against CIS and the DISA STIG')
    .description(
      'Check a Kubernetes node the way kube-bench does: control-plane and kubelet flags, file modes and owners, ' +
        'PKI certificates, encryption at rest, audit logging, FIPS and known CVEs of its Kubernetes version. ' +
        'Canonical Kubernetes (the k8s snap) and kubeadm nodes are detected; remediation is written for the distribution found. ' +
        'Run as root on the node, or point --root at a copy of its filesystem.',
    )
    .option('--root <dir>', 'the node filesystem to read (a mounted image or a copy)', '/')
    .addOption(new Option('--benchmark <name>', 'benchmark to evaluate (default: cis-ck8s on Canonical Kubernetes, cis-kubeadm otherwise)').choices(['cis-ck8s', 'cis-kubeadm', 'stig']))
    .option('--only <rules...>', 'run only these node rule ids; comma-separated or repeated')
    .option('--skip <rules...>', 'do not run these node rule ids');
  addOutputOptions(cmd);
  addConfigOption(cmd);
  addComplianceOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  sudo rampart node
  rampart node --root /mnt/node-image
  rampart node --benchmark stig --format json -o node.json`,
  );
  cmd.action(async (flags: NodeFlags) => {
    const { config, diagnostics } = await loadConfigFor(flags, process.cwd());
    const { scanNode } = await import('../../scan-node.js');
    const { NotANodeError } = await import('../../collectors/node/collect.js');
    let report;
    try {
      report = scanNode(flags.root, {
        config,
        benchmark: flags.benchmark,
        selection: { only: splitList(flags.only), skip: splitList(flags.skip) },
        version: toolVersion(),
      });
    } catch (err) {
      if (err instanceof NotANodeError) throw new UserError(err.message, EXIT.usage);
      throw err;
    }
    report.diagnostics.unshift(...diagnostics);
    const { baseline } = await applyComplianceOptions(report, flags, config);
    await emitReport(report, flags);
    await storeIfAsked(report, flags);
    process.exitCode = exitCodeWithBaseline(report, (flags.failOn ?? config.failOn ?? 'low') as never, baseline);
  });
}
