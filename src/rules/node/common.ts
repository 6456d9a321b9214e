import type { Report } from '../../core/rule.js';
import type { Inventory, Resource, Status } from '../../core/types.js';
import type { ComponentFacts, FileFact, FlagFact, NodeFacts } from '../../collectors/node/collect.js';
import type { BenchmarkId, CatalogueCheck, CheckIds } from './catalogue.js';

/** The node facts and its component resources, or undefined for an inventory without a node. */
export interface NodeView {
  node: Resource;
  facts: NodeFacts;
  components: Map<string, Resource>;
  benchmark: BenchmarkId;
}

export function nodeView(inventory: Inventory): NodeView | undefined {
  const node = inventory.resources.find((r) => r.kind === 'NodeConfig' && r.apiVersion === 'rampart.dev/v1');
  if (!node) return undefined;
  const facts = node.object as unknown as NodeFacts;
  const components = new Map<string, Resource>();
  // The first resource of a component is its main configuration file (args file or static pod).
  for (const r of inventory.resources) if (r.kind === 'NodeComponentConfig' && !components.has(r.name)) components.set(r.name, r);
  for (const r of inventory.resources) if (r.kind === 'NodeComponentConfig' && r.object.file === facts.components.kubelet?.configFileInUse) components.set(`${r.name}:config`, r);
  return { node, facts, components, benchmark: facts.benchmark };
}

/** `properties` of a benchmark finding. */
export function checkProperties(benchmark: BenchmarkId | 'rampart', checkId: string, ids: CheckIds = {}, extra: Record<string, unknown> = {}) {
  return {
    benchmark,
    checkId,
    stig: ids.stig ?? [],
    ...(ids['cis-ck8s'] ? { cisCanonical: ids['cis-ck8s'] } : {}),
    ...(ids['cis-kubeadm'] ? { cisKubeadm: ids['cis-kubeadm'] } : {}),
    ...extra,
  };
}

export function benchmarkIdOf(check: CatalogueCheck, benchmark: BenchmarkId): string | undefined {
  return benchmark === 'stig' ? check.ids.stig?.[0] : check.ids[benchmark];
}

/** Messages keyed by check key, so that each check's finding has its own message id. */
export function messagesFor(checks: readonly { key: string; title: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.key, `[{{checkId}}] ${c.title}: {{detail}}`]));
}

const TRUE = new Set(['true', '1', 't', 'yes']);
const FALSE = new Set(['false', '0', 'f', 'no']);

/** Compares flag values the way the Go flag library reads them (booleans in any spelling). */
export function sameValue(actual: string, expected: string): boolean {
  const a = actual.trim().toLowerCase();
  const e = expected.trim().toLowerCase();
  if (TRUE.has(e)) return TRUE.has(a);
  if (FALSE.has(e)) return FALSE.has(a);
  return actual.trim() === expected.trim();
}

export function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Go duration (`5m`, `4h0m0s`, `300s`, `0`) in seconds; undefined when it does not parse. */
export function durationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^0+$/.test(t)) return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * unit[m[2]!]!;
    last = re.lastIndex;
  }
  return last === t.length && last > 0 ? total : undefined;
}

/** How to set a flag on this distribution: which file to edit, and what to restart. */
export function flagRemediation(facts: NodeFacts, component: string, fix: string, configField?: string): string {
  const c = facts.components[component as keyof NodeFacts['components']];
  if (facts.distribution === 'canonical-k8s') {
    const file = c?.configFile ?? `/var/snap/k8s/common/args/${component}`;
    return `Edit ${file} (one --flag=value per line; replace the flag's line if it is there) to ${fix}, then run: sudo snap restart k8s.${component}`;
  }
  if (component === 'kubelet') {
    if (c?.configFileInUse && configField) return `Set ${configField} in ${c.configFileInUse} (the kubelet's --config file) to get ${fix}, then run: sudo systemctl restart kubelet`;
    return `Add ${fix} to KUBELET_EXTRA_ARGS in /etc/default/kubelet, then run: sudo systemctl daemon-reload && sudo systemctl restart kubelet`;
  }
  if (component === 'kube-proxy') return `kube-proxy runs as a DaemonSet on kubeadm clusters: set ${fix} in the kube-proxy ConfigMap (kubectl -n kube-system edit configmap kube-proxy), then restart its pods`;
  const file = c?.configFile ?? `/etc/kubernetes/manifests/${component}.yaml`;
  return `Edit the static pod manifest ${file}: in spec.containers[0].command, ${fix}. The kubelet restarts the pod when the file changes.`;
}

export function fileRemediation(facts: NodeFacts, file: string, want: { mode?: string; owner?: string }): string {
  const cmds = [want.mode ? `sudo chmod ${want.mode} ${file}` : '', want.owner ? `sudo chown ${want.owner} ${file}` : ''].filter(Boolean).join(' && ');
  const note = facts.distribution === 'canonical-k8s' ? ' (k8sd writes most of these files with this mode; a change may mean someone edited them)' : '';
  return `Run: ${cmds}${note}`;
}

/** Whether a file's mode has no permission bit outside `max` (kube-bench's bitmask test). */
export function modeWithin(mode: string, max: string): boolean {
  return (parseInt(mode, 8) & ~parseInt(max, 8)) === 0;
}

/** Reports the finding of one check on the node resource or a component resource. */
export interface CheckFinding {
  status: Status;
  detail: string;
  severity?: import('../../core/types.js').Severity;
  evidence: Record<string, unknown>;
  remediation?: string;
  resource?: Resource;
  path?: (string | number)[];
}

export function reportCheck<M extends string>(report: Report<M>, view: NodeView, key: M, props: Record<string, unknown>, f: CheckFinding): void {
  report(key, { detail: f.detail, checkId: props.checkId }, {
    status: f.status,
    severity: f.severity,
    evidence: f.evidence,
    properties: props,
    resource: f.resource ?? view.node,
    path: f.path,
    remediation: f.remediation,
  });
}

export function explicit(fact: FlagFact | undefined): boolean {
  return fact !== undefined && fact.source !== 'default';
}

export function componentFacts(facts: NodeFacts, name: string): ComponentFacts | undefined {
  return facts.components[name as keyof NodeFacts['components']];
}

export function statOf(facts: NodeFacts, path: string): FileFact {
  return facts.files[path] ?? { path, exists: false };
}
