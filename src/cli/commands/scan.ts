import { Option, type Command } from 'commander';
import { addConfigOption, addOutputOptions, checkFormat, emitReport, loadConfigFor, splitList, type ConfigFlags, type OutputFlags } from '../common.js';
import { addComplianceOptions, applyComplianceOptions, exitCodeWithBaseline, storeIfAsked, type ComplianceFlags } from '../compliance.js';
import { UserError } from '../errors.js';
import { readStdin } from '../io.js';
import { toolVersion } from '../version.js';
import { addImageOptions, imageReadOptions, type ImageFlags } from './image.js';

interface ScanFlags extends OutputFlags, ConfigFlags, ImageFlags, ComplianceFlags {
  pssLevel?: 'privileged' | 'baseline' | 'restricted';
  pssVersion?: string;
  only?: string[];
  skip?: string[];
  allRules?: boolean;
  maxFileSize?: string;
  customRules?: string[];
  images?: boolean;
  db?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const AREAS = ['pss', 'workload', 'rbac', 'node', 'image', 'cloud', 'cluster', 'custom'];

/** A typo in --only would otherwise run no rule at all and pass: refuse names that match nothing. */
async function checkRuleNames(names: string[]): Promise<void> {
  if (names.length === 0) return;
  const { builtinRules } = await import('../../rules/index.js');
  const known = new Set([...AREAS, ...builtinRules.flatMap((r) => [r.id, ...(r.aliases ?? [])])]);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new UserError(`--only/--skip: no rule or area named ${unknown.map((n) => `"${n}"`).join(', ')} (see rampart rules list)`);
}

export function register(program: Command): void {
  const cmd = program
    .command('scan')
    .summary('scan manifests: files, folders or - for standard input')
    .description(
      `Scan Kubernetes manifests (YAML or JSON, multi-document, kubectl List output) for Pod Security
Standards violations and workload hardening problems. Folders are read recursively (.yaml, .yml, .json).
Each workload is judged at the Pod Security level of its namespace when the Namespace with its
pod-security.kubernetes.io labels is part of the input, else at --pss-level.`,
    )
    .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
    .addOption(new Option('--pss-level <level>', 'Pod Security level for namespaces without an enforce label').choices(['privileged', 'baseline', 'restricted']))
    .option('--pss-version <version>', 'Pod Security policy version where the namespace pins none: latest or v1.N')
    // Not variadic: `--only pss ./k8s` must not swallow the path (it did, and scanned `.` instead).
    .option('--only <areas-or-rules>', 'run only these areas (pss, workload, ...) or rule ids; comma-separated or repeated', collect, [])
    .option('--skip <areas-or-rules>', 'do not run these areas or rule ids; comma-separated or repeated', collect, [])
    .option('--all-rules', 'also run the rules that are off by default')
    .option('--max-file-size <bytes>', 'skip files larger than this (default 32 MiB)')
    .option('--custom-rules <path>', 'file or folder with your own CelRule documents; repeatable (also: customRules in .rampart.yaml)', collect, [])
    .option('--images', 'also scan every image the manifests reference (see rampart image), once per digest')
    .option('--db <file>', 'with --images: vulnerability database (default RAMPART_DB or ~/.cache/rampart/vuln.db)');
  addImageOptions(cmd);
  addOutputOptions(cmd);
  addConfigOption(cmd);
  addComplianceOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  rampart scan ./k8s/
  helm template my-chart | rampart scan -
  kubectl get deploy,ds,sts,po -A -o yaml | rampart scan -
  rampart scan ./k8s --format sarif -o rampart.sarif
  rampart scan ./k8s --pss-level restricted --pss-version v1.29 --only pss`,
  );
  cmd.action(async (paths: string[], flags: ScanFlags) => {
    if (flags.pssVersion && !/^(latest|v1\.(0|[1-9]\d*))$/.test(flags.pssVersion)) throw new UserError(`--pss-version must be latest or v1.N (got "${flags.pssVersion}")`);
    const maxFileBytes = flags.maxFileSize !== undefined ? Number(flags.maxFileSize) : undefined;
    if (maxFileBytes !== undefined && !(maxFileBytes > 0)) throw new UserError('--max-file-size takes a number of bytes');
    checkFormat(flags);
    await checkRuleNames([...splitList(flags.only), ...splitList(flags.skip)]);
    const { config, diagnostics } = await loadConfigFor(flags, paths[0] ?? '.');
    const { scanManifests } = await import('../../scan.js');
    const customPaths = [...(Array.isArray(config.extra.customRules) ? config.extra.customRules.map(String) : []), ...splitList(flags.customRules)];
    const custom = customPaths.length ? await (await import('../custom-rules.js')).loadCustom(customPaths) : [];
    const { builtinRules } = await import('../../rules/index.js');
    const scan = flags.images ? (await import('../../image-scan.js')).scanManifestsAndImages : scanManifests;
    const report = await scan(paths, {
      ...(flags.images ? { ...imageReadOptions(flags), db: flags.db } : {}),
      config,
      rules: [...builtinRules, ...custom],
      selection: { only: splitList(flags.only), skip: splitList(flags.skip), all: flags.allRules },
      settings: {
        ...(flags.pssLevel ? { pssLevel: flags.pssLevel } : {}),
        ...(flags.pssVersion ? { pssVersion: flags.pssVersion } : {}),
      },
      stdin: readStdin,
      maxFileBytes,
      version: toolVersion(),
    });
    report.diagnostics.unshift(...diagnostics);
    const { baseline } = await applyComplianceOptions(report, flags, config);
    await emitReport(report, flags);
    await storeIfAsked(report, flags);
    process.exitCode = exitCodeWithBaseline(report, (flags.failOn ?? config.failOn ?? 'low') as never, baseline);
  });
}
