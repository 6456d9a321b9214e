#!/usr/bin/env node
// Regenerates frameworks/cis-*.yaml and frameworks/disa-stig-kubernetes.yaml from the shared corpus.
// Control ids, sections, and the benchmark's automated/manual flag are facts taken from the corpus;
// titles are our own short restatements (rewritten below), never the benchmark's sentences.
// Usage: node frameworks/tools/generate.mjs [/path/to/shared]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const shared = process.argv[2] ?? (existsSync(path.resolve(root, '../shared')) ? path.resolve(root, '../shared') : '/work/shared');

const rows = readFileSync(path.join(shared, 'corpus/cis/derived/checks-index.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const SECTIONS = {
  '1.1': 'Control plane configuration files',
  '1.2': 'API server',
  '1.3': 'Controller manager',
  '1.4': 'Scheduler',
  2: 'Datastore (etcd / dqlite)',
  '3.1': 'Authentication and authorization',
  '3.2': 'Audit logging',
  '4.1': 'Worker node configuration files',
  '4.2': 'Kubelet',
  '4.3': 'kube-proxy',
  '5.1': 'RBAC and service accounts',
  '5.2': 'Pod security admission',
  '5.3': 'Network policies and CNI',
  '5.4': 'Secrets management',
  '5.5': 'Admission control extensions',
  '5.6': 'General policies',
  '5.7': 'General policies',
};
const COMPONENT = { '1.2': 'API server', '1.3': 'Controller manager', '1.4': 'Scheduler', 2: 'etcd', '4.2': 'Kubelet', '4.3': 'kube-proxy' };

function sectionOf(id) {
  const parts = id.split('.');
  return parts[0] === '2' ? '2' : parts.slice(0, 2).join('.');
}

// Short restatement: drop the benchmark's phrasing and keep the requirement as "<component>: <setting>".
// Subjects whose benchmark wording is prose rather than a setting get a title written by hand.
const OWN_TITLES = [
  [/cluster-admin role/i, 'cluster-admin bound only where needed'],
  [/access to secrets/i, 'Few subjects may read Secrets'],
  [/wildcard/i, 'No wildcards in Roles and ClusterRoles'],
  [/access to create pods/i, 'Few subjects may create Pods'],
  [/default service accounts/i, 'Workloads do not run as the default ServiceAccount'],
  [/Service Account Tokens are only mounted/i, 'ServiceAccount tokens mounted only when used'],
  [/system:masters/i, 'Nobody in the system:masters group'],
  [/Bind, Impersonate and Escalate/i, 'bind, impersonate and escalate verbs granted sparingly'],
  [/create persistent volumes/i, 'Few subjects may create PersistentVolumes'],
  [/proxy sub-resource/i, 'Few subjects may use nodes/proxy'],
  [/certificatesigningrequests/i, 'Few subjects may approve CSRs'],
  [/webhook configuration/i, 'Few subjects may change admission webhook configurations'],
  [/token creation/i, 'Few subjects may mint ServiceAccount tokens'],
  [/active policy control/i, 'A pod admission policy mechanism is active'],
  [/privileged containers/i, 'Privileged containers are not admitted'],
  [/host process ID/i, 'hostPID is not admitted'],
  [/host IPC/i, 'hostIPC is not admitted'],
  [/host network/i, 'hostNetwork is not admitted'],
  [/allowPrivilegeEscalation/i, 'Privilege escalation is not admitted'],
  [/root containers/i, 'Containers running as root are not admitted'],
  [/NET_RAW/i, 'NET_RAW capability is not admitted'],
  [/added capabilities/i, 'Added capabilities are not admitted'],
  [/capabilities assigned/i, 'Containers drop all capabilities'],
  [/HostProcess/i, 'Windows HostProcess pods are not admitted'],
  [/HostPath/i, 'hostPath volumes are not admitted'],
  [/HostPorts/i, 'hostPort is not admitted'],
  [/CNI in use supports/i, 'The network plugin enforces NetworkPolicy'],
  [/Namespaces have NetworkPolicies/i, 'Every namespace has a NetworkPolicy'],
  [/Secrets as files/i, 'Secrets mounted as files, not environment variables'],
  [/external secret storage/i, 'An external secret store is considered'],
  [/Image Provenance/i, 'Image provenance enforced at admission'],
  [/administrative boundaries/i, 'Namespaces separate administrative domains'],
  [/seccomp profile/i, 'Pods run with a seccomp profile'],
  [/Apply SecurityContext/i, 'Pods and containers set a securityContext'],
  [/default namespace/i, 'Nothing runs in the default namespace'],
  [/Client certificate authentication/i, 'People do not log in with client certificates'],
  [/Service account token authentication/i, 'People do not log in with ServiceAccount tokens'],
  [/Bootstrap token authentication/i, 'People do not log in with bootstrap tokens'],
  [/minimal audit policy/i, 'An audit policy exists'],
  [/audit policy covers/i, 'The audit policy records security-relevant events'],
  [/unique Certificate Authority/i, 'The datastore has its own certificate authority'],
  [/Strong Cryptographic Ciphers/i, 'Only strong TLS cipher suites'],
  [/limit is set on pod PIDs/i, 'Kubelet: pod PID limit set'],
  [/eventRecordQPS|event-qps/i, 'Kubelet: event rate keeps security events'],
  [/encryption providers are appropriately/i, 'Encryption at rest uses a strong provider'],
  [/metrics service is bound to localhost/i, 'kube-proxy: metrics bound to localhost'],
  [/RotateKubeletServerCertificate/i, 'RotateKubeletServerCertificate = true'],
];

function rewrite(text, section) {
  const own = OWN_TITLES.find(([re]) => re.test(text));
  if (own) {
    const comp = COMPONENT[section];
    return comp && !own[1].toLowerCase().startsWith(comp.toLowerCase()) && /Strong Cryptographic|RotateKubelet/.test(text) ? `${comp}: ${own[1]}` : own[1];
  }
  let t = text.replace(/\s*\((Automated|Manual)\)\s*$/, '').replace(/\.$/, '');
  const rules = [
    [/^(Ensure|Verify) that (if defined, )?(the )?/i, ''],
    [/^If (the )?(.+?) (file )?exists,? ensure /i, '$2 (if present) '],
    [/^If the kubelet config\.yaml configuration file is being used validate /i, 'kubelet config.yaml: '],
    [/ arguments? (is|are) set as appropriate$/, ' configured'],
    [/ parameter is set as appropriate$/, ' configured'],
    [/ (argument|parameter) is not set to (.+)$/, ' ≠ $2'],
    [/ (argument|parameter) is set to (.+)$/, ' = $2'],
    [/ (argument|parameter) (is )?not set$/, ' unset'],
    [/ (argument|parameter) is set$/, ' set'],
    [/ argument includes (.+)$/, ' contains $1'],
    [/ ?(file )?permissions (are )?set to (\d+) or more restrictive$/, ' $1mode $3 or tighter'],
    [/ ?(file )?permissions (are )?set to (\d+)$/, ' $1mode $3'],
    [/ ?(file )?ownership is set to (\S+)$/, ' $1owner $2'],
    [/ permissions (are )?set to (\d+) or more restrictive$/, ': mode $2 or tighter'],
    [/ (file )?permissions are set to (\d+)$/, ' $1mode $2'],
    [/ permissions are set to (\d+) or more restrictive$/, ' mode $1 or tighter'],
    [/ (file )?ownership is set to (\S+)$/, ' $1owner $2'],
    [/^admission control plugin (\S+) is set$/, 'admission plugin $1 on'],
    [/^admission control plugin (\S+) is not set$/, 'admission plugin $1 off'],
    [/^Minimize the admission of /, 'Admit few '],
    [/^Minimize access to /, 'Restrict who can reach '],
    [/^Minimize /, 'Keep to a minimum: '],
    [/ should not be used for users$/, ': not for human users'],
    [/ is only used where required$/, ' only where needed'],
    [/ are not actively used$/, ' left unused'],
    [/ are only mounted where necessary$/, ' mounted only where needed'],
    [/^Avoid use of /, 'No use of '],
    [/^Limit use of /, 'Restrict '],
  ];
  for (const [re, to] of rules) t = t.replace(re, to);
  t = t.replace(/\s+/g, ' ').trim();
  t = t.charAt(0).toUpperCase() + t.slice(1);
  const comp = COMPONENT[section];
  if (comp && !t.toLowerCase().includes(comp.toLowerCase())) t = `${comp}: ${t}`;
  return t;
}

// Policy controls (section 5) are judged by resource rules, matched by subject so that the
// mapping survives renumbering between benchmark versions (5.6 in 1.12 is 5.7 in 1.24).
const POLICY_RULES = [
  [/cluster-admin/i, ['rbac-cluster-admin-binding']],
  [/access to secrets/i, ['rbac-secrets-read']],
  [/wildcard/i, ['rbac-wildcard-rule']],
  [/create pods/i, ['rbac-workload-create']],
  [/default service accounts/i, ['rbac-default-sa-bound']],
  [/Service Account Tokens are only mounted/i, ['service-account-token-automount']],
  // No rule can see who holds a system:masters client certificate: the control stays manual.
  [/system:masters/i, []],
  [/Bind, Impersonate and Escalate/i, ['rbac-escalation-verbs']],
  [/persistent volumes/i, ['rbac-pv-create']],
  [/proxy sub-resource/i, ['rbac-nodes-proxy']],
  [/certificatesigningrequests/i, ['rbac-csr-approve']],
  [/webhook configuration/i, ['rbac-webhook-write']],
  [/service account token creation/i, ['rbac-token-create']],
  [/active policy control/i, ['namespace-pod-security-labels-missing']],
  [/privileged containers/i, ['pss-privileged']],
  [/host process ID|host IPC|host network/i, ['pss-host-namespaces']],
  [/allowPrivilegeEscalation/i, ['pss-allow-privilege-escalation']],
  [/root containers/i, ['pss-run-as-non-root', 'pss-run-as-user', 'run-as-root-id']],
  [/NET_RAW|capabilities assigned|added capabilities/i, ['pss-capabilities-baseline', 'pss-capabilities-restricted']],
  [/HostProcess/i, ['pss-windows-host-process']],
  [/HostPath/i, ['pss-host-path-volumes']],
  [/HostPorts/i, ['pss-host-ports', 'container-host-port']],
  [/Namespaces have NetworkPolicies/i, ['namespace-network-policy-missing']],
  [/Secrets as files over Secrets as environment/i, ['container-env-credential']],
  [/seccomp profile/i, ['pss-seccomp-profile-baseline', 'pss-seccomp-profile-restricted']],
  [/SecurityContext/i, ['pss-run-as-non-root', 'pss-allow-privilege-escalation', 'pss-capabilities-restricted']],
  [/default namespace should not be used/i, ['workload-default-namespace']],
];

function cisFramework({ id, name, version, benchmark, description, nodeBenchmark }) {
  const controls = rows
    .filter((r) => r.benchmark === benchmark)
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const seen = new Set();
  const out = [];
  for (const r of controls) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const section = sectionOf(r.id);
    const c = { id: r.id, title: rewrite(r.text, section), section, assessment: r.automated ? 'automated' : 'manual' };
    if (r.id.startsWith('5.')) {
      const hit = POLICY_RULES.find(([re]) => re.test(r.text));
      if (hit) c.rules = hit[1];
    } else if (r.id.startsWith('1.') || r.id.startsWith('2.') || r.id.startsWith('4.')) {
      c.rules = [{ rule: '*', benchmark: nodeBenchmark, checkId: r.id }];
    }
    out.push(c);
  }
  return { id, name, version, source: benchmark, description, sections: Object.fromEntries([...new Set(out.map((c) => c.section))].map((s) => [s, SECTIONS[s] ?? s])), controls: out };
}

function yamlScalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return /^[\w./ -]+$/.test(v) && !/^(true|false|null|yes|no|~|\d[\d.]*)$/i.test(v) && !v.includes(': ') ? v : JSON.stringify(v);
}

function toYaml(fw, header) {
  const lines = [...header.map((h) => `# ${h}`), `id: ${fw.id}`, `name: ${yamlScalar(fw.name)}`, `version: ${yamlScalar(fw.version)}`, `source: ${yamlScalar(fw.source)}`, `description: ${yamlScalar(fw.description)}`, 'sections:'];
  for (const [k, v] of Object.entries(fw.sections)) lines.push(`  ${JSON.stringify(k)}: ${yamlScalar(v)}`);
  lines.push('controls:');
  for (const c of fw.controls) {
    lines.push(`  - id: ${JSON.stringify(c.id)}`, `    title: ${yamlScalar(c.title)}`, `    section: ${JSON.stringify(c.section)}`, `    assessment: ${c.assessment}`);
    if (c.severity) lines.push(`    severity: ${c.severity}`);
    if (c.applicability) lines.push(`    applicability: ${c.applicability}`);
    if (c.rules?.length) {
      lines.push('    rules:');
      for (const r of c.rules) lines.push(typeof r === 'string' ? `      - ${r}` : `      - { rule: ${JSON.stringify(r.rule)}, benchmark: ${r.benchmark}, checkId: ${JSON.stringify(r.checkId)} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const header = ['Generated by frameworks/tools/generate.mjs from the shared corpus; edit the generator, not this file.', 'Control ids and sections are the benchmark\'s; titles are Rampart\'s own short wording.'];
const generic = cisFramework({
  id: 'cis-k8s',
  name: 'CIS Kubernetes Benchmark',
  version: '1.12',
  benchmark: 'aquasecurity-kube-bench/cfg/cis-1.12',
  description: 'Generic CIS Kubernetes Benchmark profile (kubeadm-style control plane).',
  nodeBenchmark: 'cis-kubeadm',
});
writeFileSync(path.join(root, 'frameworks/cis-k8s.yaml'), toYaml(generic, header));
const ck8s = cisFramework({
  id: 'cis-ck8s',
  name: 'CIS Kubernetes Benchmark — Canonical Kubernetes profile',
  version: '1.24-ck8s',
  benchmark: 'canonical-kube-bench/branch-ck8s-dqlite/cfg/ck8s-cis-1.24',
  description: 'CIS Kubernetes Benchmark as tailored for Canonical Kubernetes (k8s-snap, dqlite datastore).',
  nodeBenchmark: 'cis-ck8s',
});
writeFileSync(path.join(root, 'frameworks/cis-ck8s.yaml'), toYaml(ck8s, header));

// DISA STIG: V-ids, severity and class from Canonical's audit reference.
const stigDoc = readFileSync(path.join(shared, 'corpus/canonical-k8s/upstream-k8s-snap/docs/canonicalk8s/snap/reference/disa-stig-audit.md'), 'utf8');
const blocks = stigDoc.split(/^### \[/m).slice(1);
const STIG_RULES = {
  'V-242414': ['pss-host-ports', 'container-host-port'],
  'V-242415': ['container-env-credential'],
  'V-242417': ['kube-system-foreign-workload'],
  'V-242437': ['pss-privileged'],
  'V-242383': ['workload-default-namespace'],
};
const classOf = new Map();
for (const m of stigDoc.matchAll(/^\| `([\w -]+)` \(\d+\)\s*\|([^|]+)\|/gm)) for (const v of m[2].split(',')) classOf.set(v.trim(), m[1].trim());
const stigControls = [];
for (const b of blocks) {
  const id = b.slice(0, b.indexOf(']'));
  const guide = /\*\*Guideline:\*\*\s*([\s\S]*?)\n\n/.exec(b)?.[1].replace(/\s+/g, ' ').trim() ?? id;
  const severity = /\*\*Severity:\*\*\s*(\w+)/.exec(b)?.[1].toLowerCase();
  const klass = classOf.get(id) ?? 'Default';
  const section = klass.toLowerCase().replace(/\s+/g, '-');
  let title = guide
    .replace(/^The /, '')
    .replace(/^Kubernetes /, '')
    .replace(/ must (not )?(be |have )?/, (_m, not) => (not ? ': not ' : ': '))
    .replace(/,? (at a minimum|to protect|in order to|so that).*$/, (m) => (m.includes('at a minimum') ? ' or newer' : ''));
  title = title.replace(/ that identify .*$/, ' with full event details');
  title = title.charAt(0).toUpperCase() + title.slice(1);
  const c = { id, title, section, assessment: section === 'post-deployment' ? 'manual' : 'automated', severity: severity === 'high' ? 'high' : severity === 'low' ? 'low' : 'medium' };
  if (section === 'not-applicable') c.applicability = 'not-applicable';
  c.rules = [...(STIG_RULES[id] ?? []), ...(section === 'not-applicable' ? [] : [{ rule: '*', benchmark: 'stig', checkId: id }])];
  stigControls.push(c);
}
stigControls.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
const stig = {
  id: 'disa-stig-k8s',
  name: 'DISA STIG — Kubernetes',
  version: 'V1R11 (Canonical Kubernetes audit reference)',
  source: 'canonical-k8s/upstream-k8s-snap/docs/canonicalk8s/snap/reference/disa-stig-audit.md',
  description: 'DISA Kubernetes STIG guidelines, grouped by how Canonical Kubernetes meets them (default, bootstrap, post-deployment, not applicable).',
  sections: { default: 'Met by default', bootstrap: 'Applied at bootstrap', 'post-deployment': 'Operator duties after deployment', 'not-applicable': 'Not applicable' },
  controls: stigControls,
};
writeFileSync(path.join(root, 'frameworks/disa-stig-k8s.yaml'), toYaml(stig, ['Generated by frameworks/tools/generate.mjs from the shared corpus; edit the generator, not this file.', 'V-ids, severities and classes are facts from the audit reference; titles are shortened restatements.']));
process.stdout.write(`cis-k8s ${generic.controls.length}, cis-ck8s ${ck8s.controls.length}, disa-stig-k8s ${stigControls.length}\n`);
