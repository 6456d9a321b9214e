import { defineRule } from '../../../core/rule.js';
import { checkProperties, nodeView, reportCheck } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';
import { readPackageFile } from '../../../core/package-files.js';

interface CveEntry {
  id: string;
  summary: string;
  component: string;
  package: string;
  cvss?: string;
  ranges: { introduced: string; fixed?: string; lastAffected?: string }[];
  url?: string;
}

let cached: { source: string; entries: CveEntry[] } | undefined;

/** data/kubernetes-cves.json, two folders above the compiled rules (dist/ or src/). */
export function loadCveData(): { source: string; entries: CveEntry[] } {
  cached ??= JSON.parse(readPackageFile('data/kubernetes-cves.json'));
  return cached!;
}

function parts(v: string): number[] {
  return v.replace(/^v/, '').split(/[.+-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0);
}

export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export function affects(entry: CveEntry, version: string): boolean {
  return entry.ranges.some(
    (r) =>
      compareVersions(version, r.introduced) >= 0 &&
      (r.fixed !== undefined ? compareVersions(version, r.fixed) < 0 : r.lastAffected !== undefined ? compareVersions(version, r.lastAffected) <= 0 : true),
  );
}

export default defineRule({
  id: 'node-kubernetes-version-cves',
  title: 'Kubernetes components are patched against known CVEs',
  severity: 'high',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'The Kubernetes version on the node (from the snap bill of materials or the control-plane image tags) is compared with the official Kubernetes CVE feed. A component in an affected range runs code with a published vulnerability. For the snap, held refreshes keep a node on an old revision.',
  remediation: 'Upgrade to a patch release that fixes the CVE (see its fixed versions).',
  references: ['https://kubernetes.io/docs/reference/issues-security/official-cve-feed/'],
  messages: {
    cve: '{{id}} affects {{component}} {{version}}: {{detail}}',
    'no-known-cve': 'No CVE of the bundled feed affects Kubernetes {{version}}: {{detail}}',
    'version-unknown': '[{{checkId}}] The Kubernetes version of this node is known: {{detail}}',
    'snap-refresh-held': 'Snap refreshes are not held: {{detail}}',
  },
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    const stig = ['V-242443'];
    const props = (checkId: string, extra: Record<string, unknown> = {}) => checkProperties(benchmark === 'stig' ? 'stig' : 'rampart', benchmark === 'stig' ? 'V-242443' : checkId, { stig }, extra);
    if (facts.snap?.held) {
      report('snap-refresh-held', { detail: `k8s is held at revision ${facts.snap.revision ?? '?'} (${facts.snap.tracking ?? 'unknown channel'})` }, {
        status: 'warn',
        resource: view.node,
        path: ['snap'],
        evidence: { ...facts.snap },
        properties: props('snap-refresh-held'),
        remediation: 'Review the hold (snap refresh --list) and run sudo snap refresh --unhold k8s once the update window allows.',
      });
    }
    const v = facts.kubernetesVersion;
    if (!v) {
      reportCheck(report, view, 'version-unknown', props('kubernetes-version'), {
        status: 'skipped',
        detail:
          facts.distribution === 'canonical-k8s'
            ? 'no /snap/k8s/current/bom.json under the node root; run on the node, or copy the snap bom.json into the tree'
            : 'no versioned image in the static pod manifests',
        evidence: { distribution: facts.distribution, snap: facts.snap ?? null },
      });
      return;
    }
    const data = loadCveData();
    const running = new Set(Object.keys(facts.components));
    let found = 0;
    for (const entry of data.entries) {
      if (!affects(entry, v.version)) continue;
      if (entry.component !== 'kubernetes' && !running.has(entry.component)) continue;
      found++;
      const fixed = entry.ranges.map((r) => r.fixed).filter(Boolean);
      report('cve', { id: entry.id, component: entry.component, version: v.version, detail: `${entry.summary.trim()} (fixed in ${fixed.join(', ')})` }, {
        status: 'fail',
        resource: view.node,
        path: ['kubernetesVersion', entry.id],
        evidence: { version: v.version, versionSource: v.source, component: entry.component, package: entry.package, ranges: entry.ranges, cvss: entry.cvss, url: entry.url, feed: data.source },
        properties: props('kubernetes-cve', { cve: entry.id }),
        remediation:
          facts.distribution === 'canonical-k8s'
            ? `Refresh the snap to a revision with Kubernetes ${fixed.join(' / ')} or later: sudo snap refresh k8s`
            : `Upgrade the cluster to a patch release with the fix (${fixed.join(', ')}): kubeadm upgrade plan / apply, then upgrade the kubelet package.`,
      });
    }
    if (found === 0) {
      report('no-known-cve', { version: v.version, detail: `${data.entries.length} feed entries checked` }, {
        status: 'pass',
        resource: view.node,
        path: ['kubernetesVersion'],
        evidence: { version: v.version, versionSource: v.source, feed: data.source },
        properties: props('kubernetes-cve'),
      });
    }
  },
});
