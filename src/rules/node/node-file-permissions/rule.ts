import { defineRule } from '../../../core/rule.js';
import type { FileFact, NodeFacts } from '../../../collectors/node/collect.js';
import { CATALOGUE, type FileCheck } from '../catalogue.js';
import { benchmarkIdOf, checkProperties, fileRemediation, messagesFor, modeWithin, nodeView, reportCheck, statOf } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const FILE_CHECKS = CATALOGUE.filter((c): c is FileCheck => c.kind === 'file');

/** The node paths a file check looks at; `undefined` when the check has no target on this node. */
export function targetsOf(check: FileCheck, facts: NodeFacts): { paths: string[]; why?: string; error?: boolean } {
  const t = check.target;
  const kubeletError = facts.components.kubelet?.error;
  if (kubeletError && (('config' in t && t.config === 'kubelet-config') || 'kubeletFlagFile' in t)) return { paths: [], why: `cannot read the kubelet configuration: ${kubeletError}`, error: true };
  const files = Object.keys(facts.files);
  const under = (dir: string) => files.filter((p) => p === dir || p.startsWith(`${dir}/`));
  if ('config' in t) {
    if (t.config === 'datastore') {
      const c = facts.components.etcd?.present ? facts.components.etcd : facts.components['k8s-dqlite'];
      return c?.configFile && c.present ? { paths: [c.configFile] } : { paths: [], why: 'no datastore on this node' };
    }
    if (t.config === 'kubelet-config') {
      const k = facts.components.kubelet;
      const file = facts.distribution === 'canonical-k8s' ? k?.configFile : k?.configFileInUse;
      return file ? { paths: [file] } : { paths: [], why: 'the kubelet runs without a configuration file' };
    }
    const c = facts.components[t.config];
    return c?.present && c.configFile ? { paths: [c.configFile] } : { paths: [], why: `${t.config} does not run here` };
  }
  if ('layout' in t) {
    const p = facts.layout.files[t.layout];
    return p && statOf(facts, p).exists ? { paths: [p] } : { paths: [], why: `${p ?? t.layout} does not exist` };
  }
  if ('pki' in t) {
    const all = under(facts.layout.pkiDir).filter((p) => statOf(facts, p).exists);
    const paths = t.pki === 'all' ? all : all.filter((p) => p.endsWith(t.pki === 'crt' ? '.crt' : '.key'));
    return paths.length ? { paths } : { paths: [], why: `no ${t.pki === 'all' ? 'files' : `*.${t.pki} files`} under ${facts.layout.pkiDir}` };
  }
  if ('cni' in t) {
    const paths = under(facts.layout.cniDir).filter((p) => statOf(facts, p).type === 'file');
    return paths.length ? { paths } : { paths: [], why: `no CNI configuration file under ${facts.layout.cniDir} (the CNI writes it when it starts)` };
  }
  if ('datastoreTree' in t) {
    const dir = facts.datastore === 'k8s-dqlite' ? facts.layout.files.dqliteDataDir : facts.layout.files.etcdDataDir;
    const paths = dir ? under(dir).filter((p) => statOf(facts, p).exists) : [];
    return paths.length ? { paths } : { paths: [], why: `datastore data directory ${dir ?? ''} not found` };
  }
  if ('datastoreDir' in t) {
    const p = facts.datastore === 'k8s-dqlite' ? facts.layout.files.dqliteDataDir : facts.layout.files.etcdDataDir;
    return p && statOf(facts, p).exists ? { paths: [p] } : { paths: [], why: `datastore data directory ${p ?? ''} not found` };
  }
  if ('kubeletFlagFile' in t) {
    const v = facts.components.kubelet?.flags[t.kubeletFlagFile]?.value;
    return v ? { paths: [v] } : { paths: [], why: `the kubelet has no ${t.kubeletFlagFile}` };
  }
  const candidates = facts.distribution === 'canonical-k8s' ? [facts.layout.files.kubeletService!] : files.filter((p) => p.endsWith('kubelet.service.d/10-kubeadm.conf'));
  const found = candidates.filter((p) => statOf(facts, p).exists);
  return found.length ? { paths: [found[0]!] } : { paths: [], why: `kubelet service file not found (${candidates.join(', ')})` };
}

function ownerMatches(stat: FileFact, want: string): boolean {
  if (stat.owner === want) return true;
  return want === 'root:root' && stat.uid === 0 && stat.gid === 0;
}

export default defineRule({
  id: 'node-file-permissions',
  title: 'Node configuration, kubeconfig and PKI files have safe modes and owners',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'Component configuration files, kubeconfigs, the PKI and the datastore directory hold credentials and decide how the cluster runs. CIS section 1.1 and 4.1 and the STIG require them to be owned by root and readable by root only; anyone who can write them can take over the node or the cluster.',
  remediation: 'chmod and chown the file as each finding says.',
  messages: messagesFor(FILE_CHECKS),
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    const kubeadm = facts.distribution === 'kubeadm';
    for (const check of FILE_CHECKS) {
      const checkId = benchmarkIdOf(check, benchmark);
      if (!checkId) continue;
      const props = checkProperties(benchmark, checkId, check.ids, { manualInBenchmark: Boolean(check.manualInBenchmark) });
      if (check.controlPlane && facts.role === 'worker') {
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'not-applicable', detail: 'worker node: no control-plane files here', evidence: { role: facts.role } });
        continue;
      }
      const { paths, why, error } = targetsOf(check, facts);
      if (!paths.length) {
        const manual = 'cni' in check.target;
        reportCheck(report, view, check.key, props, { severity: check.severity, status: error ? 'error' : manual ? 'manual' : 'not-applicable', detail: why ?? 'nothing to check', evidence: { target: check.target } });
        continue;
      }
      const maxMode = kubeadm ? (check.maxModeKubeadm ?? check.maxMode) : check.maxMode;
      const owner = kubeadm ? (check.ownerKubeadm ?? check.owner) : check.owner;
      const stats = paths.map((p) => statOf(facts, p));
      const errors = stats.filter((s) => s.error);
      const missing = stats.filter((s) => !s.exists && !s.error);
      // Directories are judged on mode only where the check says how (the data directory, or maxModeDir).
      const maxFor = (type: string | undefined) => (type === 'directory' ? (check.maxModeDir ?? ('datastoreDir' in check.target ? maxMode : undefined)) : type === 'symlink' ? undefined : maxMode);
      const bad = stats.filter((s) => {
        if (!s.exists) return false;
        const max = maxFor(s.type);
        return (max !== undefined && !modeWithin(s.mode!, max)) || (owner !== undefined && !ownerMatches(s, owner));
      });
      const files = stats.map((s) => ({ file: s.path, mode: s.mode ?? null, owner: s.owner ?? null, ...(s.error ? { error: s.error } : {}) }));
      const expected = { ...(maxMode ? { mode: maxMode } : {}), ...(check.maxModeDir ? { directoryMode: check.maxModeDir } : {}), ...(owner ? { owner } : {}) };
      if (bad.length) {
        reportCheck(report, view, check.key, props, { severity: check.severity,
          status: 'fail',
          detail: bad.map((s) => `${s.path} is ${maxMode ? `mode ${s.mode}` : ''}${maxMode && owner ? ', ' : ''}${owner ? `owned by ${s.owner}` : ''}`).join('; '),
          evidence: { files, expected },
          remediation: bad.map((s) => fileRemediation(facts, s.path, { mode: maxFor(s.type), owner })).join('\n'),
        });
      } else if (errors.length) {
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'error', detail: errors.map((s) => `${s.path}: ${s.error}`).join('; '), evidence: { files, expected } });
      } else if (missing.length === stats.length) {
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'not-applicable', detail: `${missing.map((s) => s.path).join(', ')} not found`, evidence: { files, expected } });
      } else {
        reportCheck(report, view, check.key, props, { severity: check.severity,
          status: 'pass',
          detail: paths.length === 1 ? `${paths[0]} is ${maxMode ? `mode ${stats[0]!.mode}` : `owned by ${stats[0]!.owner}`}` : `${paths.length} files checked`,
          evidence: { files, expected },
        });
      }
    }
  },
});
