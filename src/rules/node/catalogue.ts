import type { Severity } from '../../core/types.js';

/**
 * The node benchmark as data: which flag of which component, or which file, must hold what.
 * Derived from the kube-bench definitions (ck8s-cis-1.24 for Canonical Kubernetes, cis-1.12 for
 * kubeadm; ../shared/corpus/cis/derived/checks-index.jsonl) and from Canonical's cis-audit.md and
 * disa-stig-audit.md (expected values, STIG V-ids). Titles are ours.
 *
 * One entry is one underlying check; its ids in each benchmark say where it appears. A benchmark
 * run evaluates the entries that carry an id for it.
 */

export type BenchmarkId = 'cis-ck8s' | 'cis-kubeadm' | 'stig';

export interface CheckIds {
  'cis-ck8s'?: string;
  'cis-kubeadm'?: string;
  stig?: string[];
}

export type FlagOp =
  /** Set to this value (booleans: true/1, false/0). */
  | 'eq'
  | 'noteq'
  /** Comma-separated value contains the item. */
  | 'has'
  | 'nothave'
  | 'set'
  | 'unset'
  /** Number at least `value`. */
  | 'gte'
  /** Every comma-separated item is in the `value` list. */
  | 'subset'
  /** One of the comma-separated `value` list. */
  | 'oneof'
  /** Duration (Go syntax) not zero. */
  | 'duration-nonzero'
  /** Duration at most `value`. */
  | 'duration-lte';

export interface FlagTest {
  flag: string;
  op: FlagOp;
  value?: string;
  /** Judge only a value written somewhere; an unset flag passes whatever the default. */
  explicitOnly?: boolean;
  /** When the flag is not set at all, this test passes (kube-bench's `set: false` alternative). */
  passWhenUnset?: boolean;
}

interface Base {
  /** Stable key; also the finding's message id. */
  key: string;
  title: string;
  severity: Severity;
  ids: CheckIds;
  /** The benchmark marks it Manual (it is still judged when the facts allow). */
  manualInBenchmark?: boolean;
}

export interface FlagCheck extends Base {
  kind: 'flag';
  component: 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet' | 'kube-proxy';
  tests: FlagTest[];
  /** `and` (default): every test; `or`: any. */
  bin?: 'and' | 'or';
  /** Not applicable when the datastore is not etcd (k8s-dqlite talks over a local socket). */
  etcdOnly?: boolean;
  /** The value a fix sets, for the remediation text. */
  fix: string;
}

/** What a file check looks at. */
export type FileTarget =
  | { config: 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'datastore' | 'kubelet-config' }
  | { layout: string }
  | { pki: 'crt' | 'key' | 'all' }
  | { cni: true }
  | { datastoreDir: true }
  /** The datastore data directory and everything below it. */
  | { datastoreTree: true }
  | { kubeletFlagFile: '--client-ca-file' }
  | { kubeletService: true };

export interface FileCheck extends Base {
  kind: 'file';
  target: FileTarget;
  /** Most permissive mode allowed, per benchmark (kube-bench `bitmask`). */
  maxMode?: string;
  /** kubeadm wants a different mode for some files. */
  maxModeKubeadm?: string;
  /** Most permissive mode for directories among the targets (directories are skipped without it). */
  maxModeDir?: string;
  owner?: string;
  ownerKubeadm?: string;
  /** Checks of the control plane are not applicable on a worker. */
  controlPlane?: boolean;
}

export interface ManualCheck extends Base {
  kind: 'manual';
  /** What a person must check, and how. */
  instructions: string;
  controlPlane?: boolean;
  /** A flag whose value is shown as evidence to help the person. */
  observe?: { component: FlagCheck['component']; flag: string };
}

export type CatalogueCheck = FlagCheck | FileCheck | ManualCheck;

const API = 'kube-apiserver' as const;
const KCM = 'kube-controller-manager' as const;
const SCHED = 'kube-scheduler' as const;
const KUBELET = 'kubelet' as const;

const STRONG_CIPHERS_APISERVER_CK8S =
  'TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_RSA_WITH_AES_128_CBC_SHA,TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_256_CBC_SHA,TLS_RSA_WITH_AES_256_GCM_SHA384';
const STRONG_CIPHERS_APISERVER_KUBEADM =
  'TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256';
const STRONG_CIPHERS_KUBELET_CK8S =
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_GCM_SHA256';
const STRONG_CIPHERS_KUBELET_KUBEADM =
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384';
/** The four suites the STIG names; at least one must be configured. */
const STIG_CIPHERS = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384';

function flag(
  key: string,
  component: FlagCheck['component'],
  ids: CheckIds,
  title: string,
  severity: Severity,
  tests: FlagTest[],
  fix: string,
  more: Partial<FlagCheck> = {},
): FlagCheck {
  return { kind: 'flag', key, component, ids, title, severity, tests, fix, ...more };
}

function file(key: string, ids: CheckIds, title: string, target: FileTarget, more: Partial<FileCheck>): FileCheck {
  return { kind: 'file', key, ids, title, severity: 'medium', target, ...more };
}

const perms = (maxMode: string, maxModeKubeadm?: string) => ({ maxMode, maxModeKubeadm });
const ownedBy = (owner = 'root:root', ownerKubeadm?: string) => ({ owner, ownerKubeadm, severity: 'low' as Severity });

export const CATALOGUE: readonly CatalogueCheck[] = [
  // 1.1 Control-plane configuration files
  file('apiserver-config-mode', { 'cis-ck8s': '1.1.1', 'cis-kubeadm': '1.1.1', stig: ['V-242408'] }, 'API server configuration file is mode 600 or stricter', { config: API }, { ...perms('600'), controlPlane: true }),
  file('apiserver-config-owner', { 'cis-ck8s': '1.1.2', 'cis-kubeadm': '1.1.2', stig: ['V-242444'] }, 'API server configuration file is owned by root:root', { config: API }, { ...ownedBy(), controlPlane: true }),
  file('controller-manager-config-mode', { 'cis-ck8s': '1.1.3', 'cis-kubeadm': '1.1.3', stig: ['V-242408'] }, 'Controller manager configuration file is mode 600 or stricter', { config: KCM }, { ...perms('600'), controlPlane: true }),
  file('controller-manager-config-owner', { 'cis-ck8s': '1.1.4', 'cis-kubeadm': '1.1.4', stig: ['V-242444'] }, 'Controller manager configuration file is owned by root:root', { config: KCM }, { ...ownedBy(), controlPlane: true }),
  file('scheduler-config-mode', { 'cis-ck8s': '1.1.5', 'cis-kubeadm': '1.1.5', stig: ['V-242408'] }, 'Scheduler configuration file is mode 600 or stricter', { config: SCHED }, { ...perms('600'), controlPlane: true }),
  file('scheduler-config-owner', { 'cis-ck8s': '1.1.6', 'cis-kubeadm': '1.1.6', stig: ['V-242444'] }, 'Scheduler configuration file is owned by root:root', { config: SCHED }, { ...ownedBy(), controlPlane: true }),
  file('datastore-config-mode', { 'cis-ck8s': '1.1.7', 'cis-kubeadm': '1.1.7', stig: ['V-242408'] }, 'Datastore (etcd or k8s-dqlite) configuration file is mode 600 or stricter', { config: 'datastore' }, { ...perms('600'), controlPlane: true }),
  file('datastore-config-owner', { 'cis-ck8s': '1.1.8', 'cis-kubeadm': '1.1.8', stig: ['V-242444'] }, 'Datastore configuration file is owned by root:root', { config: 'datastore' }, { ...ownedBy(), controlPlane: true }),
  file('cni-files-mode', { 'cis-ck8s': '1.1.9', 'cis-kubeadm': '1.1.9' }, 'CNI configuration files are mode 600 or stricter', { cni: true }, { ...perms('600'), manualInBenchmark: true }),
  file('cni-files-owner', { 'cis-ck8s': '1.1.10', 'cis-kubeadm': '1.1.10' }, 'CNI configuration files are owned by root:root', { cni: true }, { ...ownedBy(), manualInBenchmark: true }),
  file('datastore-data-dir-mode', { 'cis-ck8s': '1.1.11', 'cis-kubeadm': '1.1.11' }, 'Datastore data directory is mode 700 or stricter', { datastoreDir: true }, { ...perms('700'), controlPlane: true }),
  file('datastore-data-dir-owner', { 'cis-ck8s': '1.1.12', 'cis-kubeadm': '1.1.12' }, 'Datastore data directory is owned by its service user', { datastoreDir: true }, { ...ownedBy('root:root', 'etcd:etcd'), controlPlane: true }),
  file('datastore-data-tree-mode', { stig: ['V-242459'] }, 'Datastore files are 644 and folders 700 or stricter', { datastoreTree: true }, { maxMode: '644', maxModeDir: '700', controlPlane: true }),
  file('datastore-data-tree-owner', { stig: ['V-242445'] }, 'Datastore files and folders are owned by root', { datastoreTree: true }, { ...ownedBy(), controlPlane: true }),
  file('admin-kubeconfig-mode', { 'cis-ck8s': '1.1.13', 'cis-kubeadm': '1.1.13', stig: ['V-242460'] }, 'admin.conf is mode 600 or stricter', { layout: 'adminConf' }, { ...perms('600'), controlPlane: true, severity: 'high' }),
  file('admin-kubeconfig-owner', { 'cis-ck8s': '1.1.14', 'cis-kubeadm': '1.1.14', stig: ['V-242446'] }, 'admin.conf is owned by root:root', { layout: 'adminConf' }, { ...ownedBy(), controlPlane: true }),
  file('scheduler-kubeconfig-mode', { 'cis-ck8s': '1.1.15', 'cis-kubeadm': '1.1.15', stig: ['V-242460'] }, 'Scheduler kubeconfig is mode 600 or stricter', { layout: 'schedulerConf' }, { ...perms('600'), controlPlane: true }),
  file('scheduler-kubeconfig-owner', { 'cis-ck8s': '1.1.16', 'cis-kubeadm': '1.1.16', stig: ['V-242446'] }, 'Scheduler kubeconfig is owned by root:root', { layout: 'schedulerConf' }, { ...ownedBy(), controlPlane: true }),
  file('controller-manager-kubeconfig-mode', { 'cis-ck8s': '1.1.17', 'cis-kubeadm': '1.1.17', stig: ['V-242460'] }, 'Controller manager kubeconfig is mode 600 or stricter', { layout: 'controllerManagerConf' }, { ...perms('600'), controlPlane: true }),
  file('controller-manager-kubeconfig-owner', { 'cis-ck8s': '1.1.18', 'cis-kubeadm': '1.1.18', stig: ['V-242446'] }, 'Controller manager kubeconfig is owned by root:root', { layout: 'controllerManagerConf' }, { ...ownedBy(), controlPlane: true }),
  file('pki-owner', { 'cis-ck8s': '1.1.19', 'cis-kubeadm': '1.1.19', stig: ['V-242451'] }, 'PKI directory and files are owned by root:root', { pki: 'all' }, { ...ownedBy() }),
  file('pki-cert-mode', { 'cis-ck8s': '1.1.20', 'cis-kubeadm': '1.1.20', stig: ['V-242466'] }, 'PKI certificates are mode 600 (Canonical) or 644 (kubeadm) or stricter', { pki: 'crt' }, { ...perms('600', '644'), manualInBenchmark: true }),
  file('pki-key-mode', { 'cis-ck8s': '1.1.21', 'cis-kubeadm': '1.1.21', stig: ['V-242467'] }, 'PKI private keys are mode 600 or stricter', { pki: 'key' }, { ...perms('600'), manualInBenchmark: true, severity: 'high' }),

  // 1.2 API server
  flag('apiserver-anonymous-auth', API, { 'cis-ck8s': '1.2.1', 'cis-kubeadm': '1.2.1', stig: ['V-242390'] }, 'API server rejects anonymous requests', 'high', [{ flag: '--anonymous-auth', op: 'eq', value: 'false' }], '--anonymous-auth=false', { manualInBenchmark: true }),
  flag('apiserver-token-auth-file', API, { 'cis-ck8s': '1.2.2', 'cis-kubeadm': '1.2.2', stig: ['V-245543'] }, 'API server does not use a static token file', 'high', [{ flag: '--token-auth-file', op: 'unset' }], 'remove --token-auth-file'),
  flag('apiserver-deny-external-ips-unset', API, { 'cis-ck8s': '1.2.3' }, 'DenyServiceExternalIPs admission plugin is not enabled (Canonical profile)', 'low', [{ flag: '--enable-admission-plugins', op: 'nothave', value: 'DenyServiceExternalIPs', passWhenUnset: true }], 'remove DenyServiceExternalIPs from --enable-admission-plugins'),
  flag('apiserver-deny-external-ips', API, { 'cis-kubeadm': '1.2.3' }, 'DenyServiceExternalIPs admission plugin is enabled', 'low', [{ flag: '--enable-admission-plugins', op: 'has', value: 'DenyServiceExternalIPs' }], 'add DenyServiceExternalIPs to --enable-admission-plugins', { manualInBenchmark: true }),
  flag('apiserver-kubelet-client-cert', API, { 'cis-ck8s': '1.2.4', 'cis-kubeadm': '1.2.4', stig: ['V-245544'] }, 'API server authenticates to kubelets with a client certificate', 'high', [{ flag: '--kubelet-client-certificate', op: 'set' }, { flag: '--kubelet-client-key', op: 'set' }], '--kubelet-client-certificate=<cert> and --kubelet-client-key=<key>'),
  flag('apiserver-kubelet-ca', API, { 'cis-ck8s': '1.2.5', 'cis-kubeadm': '1.2.5' }, 'API server verifies kubelet serving certificates', 'high', [{ flag: '--kubelet-certificate-authority', op: 'set' }], '--kubelet-certificate-authority=<ca file>'),
  flag('apiserver-authz-not-always-allow', API, { 'cis-ck8s': '1.2.6', 'cis-kubeadm': '1.2.6' }, 'API server authorization mode is not AlwaysAllow', 'critical', [{ flag: '--authorization-mode', op: 'nothave', value: 'AlwaysAllow' }], '--authorization-mode=Node,RBAC'),
  flag('apiserver-authz-node', API, { 'cis-ck8s': '1.2.7', 'cis-kubeadm': '1.2.7', stig: ['V-242382'] }, 'API server authorization mode includes Node', 'high', [{ flag: '--authorization-mode', op: 'has', value: 'Node' }], '--authorization-mode=Node,RBAC'),
  flag('apiserver-authz-rbac', API, { 'cis-ck8s': '1.2.8', 'cis-kubeadm': '1.2.8', stig: ['V-242382'] }, 'API server authorization mode includes RBAC', 'high', [{ flag: '--authorization-mode', op: 'has', value: 'RBAC' }], '--authorization-mode=Node,RBAC'),
  flag('apiserver-event-rate-limit', API, { 'cis-ck8s': '1.2.9', 'cis-kubeadm': '1.2.9' }, 'EventRateLimit admission plugin is enabled', 'medium', [{ flag: '--enable-admission-plugins', op: 'has', value: 'EventRateLimit' }], 'add EventRateLimit to --enable-admission-plugins and configure it in --admission-control-config-file', { manualInBenchmark: true }),
  flag('apiserver-no-always-admit', API, { 'cis-ck8s': '1.2.10', 'cis-kubeadm': '1.2.10' }, 'AlwaysAdmit admission plugin is not enabled', 'high', [{ flag: '--enable-admission-plugins', op: 'nothave', value: 'AlwaysAdmit', passWhenUnset: true }], 'remove AlwaysAdmit from --enable-admission-plugins'),
  flag('apiserver-always-pull-images', API, { 'cis-ck8s': '1.2.11', 'cis-kubeadm': '1.2.11' }, 'AlwaysPullImages admission plugin is enabled', 'medium', [{ flag: '--enable-admission-plugins', op: 'has', value: 'AlwaysPullImages' }], 'add AlwaysPullImages to --enable-admission-plugins', { manualInBenchmark: true }),
  flag('apiserver-service-account-plugin', API, { 'cis-ck8s': '1.2.13', 'cis-kubeadm': '1.2.12' }, 'ServiceAccount admission plugin is not disabled', 'medium', [{ flag: '--disable-admission-plugins', op: 'nothave', value: 'ServiceAccount', passWhenUnset: true }], 'remove ServiceAccount from --disable-admission-plugins'),
  flag('apiserver-namespace-lifecycle-plugin', API, { 'cis-ck8s': '1.2.14', 'cis-kubeadm': '1.2.13' }, 'NamespaceLifecycle admission plugin is not disabled', 'medium', [{ flag: '--disable-admission-plugins', op: 'nothave', value: 'NamespaceLifecycle', passWhenUnset: true }], 'remove NamespaceLifecycle from --disable-admission-plugins'),
  flag('apiserver-node-restriction', API, { 'cis-ck8s': '1.2.15', 'cis-kubeadm': '1.2.14' }, 'NodeRestriction admission plugin is enabled', 'high', [{ flag: '--enable-admission-plugins', op: 'has', value: 'NodeRestriction' }], 'add NodeRestriction to --enable-admission-plugins'),
  flag('apiserver-secure-port', API, { 'cis-ck8s': '1.2.16', stig: ['V-242389'] }, 'API server secure port is not 0', 'high', [{ flag: '--secure-port', op: 'noteq', value: '0' }], '--secure-port=6443'),
  flag('apiserver-profiling', API, { 'cis-ck8s': '1.2.17', 'cis-kubeadm': '1.2.15' }, 'API server profiling is off', 'medium', [{ flag: '--profiling', op: 'eq', value: 'false' }], '--profiling=false'),
  flag('apiserver-audit-log-path', API, { 'cis-ck8s': '1.2.18', 'cis-kubeadm': '1.2.16', stig: ['V-242402', 'V-242465'] }, 'API server writes an audit log', 'medium', [{ flag: '--audit-log-path', op: 'set' }], '--audit-log-path=/var/log/kubernetes/audit.log'),
  flag('apiserver-audit-log-maxage', API, { 'cis-ck8s': '1.2.19', 'cis-kubeadm': '1.2.17', stig: ['V-242464'] }, 'Audit logs are kept at least 30 days', 'low', [{ flag: '--audit-log-maxage', op: 'gte', value: '30' }], '--audit-log-maxage=30'),
  flag('apiserver-audit-log-maxbackup', API, { 'cis-ck8s': '1.2.20', 'cis-kubeadm': '1.2.18', stig: ['V-242463'] }, 'At least 10 rotated audit logs are kept', 'low', [{ flag: '--audit-log-maxbackup', op: 'gte', value: '10' }], '--audit-log-maxbackup=10'),
  flag('apiserver-audit-log-maxsize', API, { 'cis-ck8s': '1.2.21', 'cis-kubeadm': '1.2.19', stig: ['V-242462'] }, 'Audit logs rotate at 100 MB or more', 'low', [{ flag: '--audit-log-maxsize', op: 'gte', value: '100' }], '--audit-log-maxsize=100'),
  flag('apiserver-service-account-lookup', API, { 'cis-ck8s': '1.2.23', 'cis-kubeadm': '1.2.21' }, 'API server checks that service account tokens still exist', 'medium', [{ flag: '--service-account-lookup', op: 'eq', value: 'true' }], '--service-account-lookup=true'),
  flag('apiserver-service-account-key', API, { 'cis-ck8s': '1.2.24', 'cis-kubeadm': '1.2.22' }, 'API server has a service account verification key', 'medium', [{ flag: '--service-account-key-file', op: 'set' }], '--service-account-key-file=<public key or key file>'),
  flag('apiserver-etcd-client-cert', API, { 'cis-ck8s': '1.2.25', 'cis-kubeadm': '1.2.23', stig: ['V-242430', 'V-242431'] }, 'API server authenticates to etcd with a client certificate', 'high', [{ flag: '--etcd-certfile', op: 'set' }, { flag: '--etcd-keyfile', op: 'set' }], '--etcd-certfile=<cert> and --etcd-keyfile=<key>', { etcdOnly: true }),
  flag('apiserver-tls-cert', API, { 'cis-ck8s': '1.2.26', 'cis-kubeadm': '1.2.24', stig: ['V-242422'] }, 'API server serves TLS with its own certificate', 'high', [{ flag: '--tls-cert-file', op: 'set' }, { flag: '--tls-private-key-file', op: 'set' }], '--tls-cert-file=<cert> and --tls-private-key-file=<key>'),
  flag('apiserver-client-ca', API, { 'cis-ck8s': '1.2.27', 'cis-kubeadm': '1.2.25', stig: ['V-242419'] }, 'API server verifies client certificates', 'high', [{ flag: '--client-ca-file', op: 'set' }], '--client-ca-file=<ca file>'),
  flag('apiserver-etcd-ca', API, { 'cis-ck8s': '1.2.28', 'cis-kubeadm': '1.2.26', stig: ['V-242429'] }, 'API server verifies the etcd server certificate', 'high', [{ flag: '--etcd-cafile', op: 'set' }], '--etcd-cafile=<etcd ca file>', { etcdOnly: true }),
  flag('apiserver-strong-ciphers', API, { 'cis-ck8s': '1.2.31' }, 'API server offers only strong TLS cipher suites', 'medium', [{ flag: '--tls-cipher-suites', op: 'subset', value: STRONG_CIPHERS_APISERVER_CK8S }], `--tls-cipher-suites=${STRONG_CIPHERS_APISERVER_KUBEADM}`, { manualInBenchmark: true }),
  flag('apiserver-strong-ciphers-kubeadm', API, { 'cis-kubeadm': '1.2.29' }, 'API server offers only strong TLS cipher suites', 'medium', [{ flag: '--tls-cipher-suites', op: 'subset', value: STRONG_CIPHERS_APISERVER_KUBEADM }], `--tls-cipher-suites=${STRONG_CIPHERS_APISERVER_KUBEADM}`, { manualInBenchmark: true }),
  flag('apiserver-stig-ciphers', API, { stig: ['V-242418'] }, 'API server cipher suites include a STIG-approved suite', 'medium', [{ flag: '--tls-cipher-suites', op: 'has', value: STIG_CIPHERS }], `--tls-cipher-suites=${STIG_CIPHERS}`),
  flag('apiserver-extend-token-expiration', API, { 'cis-kubeadm': '1.2.30' }, 'Service account token expiry is not extended', 'low', [{ flag: '--service-account-extend-token-expiration', op: 'eq', value: 'false' }], '--service-account-extend-token-expiration=false'),
  flag('apiserver-tls-min-version', API, { stig: ['V-242378'] }, 'API server accepts TLS 1.2 or later only', 'medium', [{ flag: '--tls-min-version', op: 'oneof', value: 'VersionTLS12,VersionTLS13' }], '--tls-min-version=VersionTLS12'),
  flag('apiserver-insecure-bind-address', API, { stig: ['V-242388'] }, 'API server has no insecure bind address', 'high', [{ flag: '--insecure-bind-address', op: 'unset' }], 'remove --insecure-bind-address'),
  flag('apiserver-basic-auth-file', API, { stig: ['V-245542'] }, 'API server does not use basic authentication', 'high', [{ flag: '--basic-auth-file', op: 'unset' }], 'remove --basic-auth-file'),
  flag('apiserver-validating-webhook', API, { stig: ['V-242436'] }, 'ValidatingAdmissionWebhook admission plugin is not disabled', 'high', [{ flag: '--disable-admission-plugins', op: 'nothave', value: 'ValidatingAdmissionWebhook', passWhenUnset: true }], 'remove ValidatingAdmissionWebhook from --disable-admission-plugins'),
  flag('apiserver-request-timeout', API, { stig: ['V-242438'] }, 'API server request timeout is set and not zero', 'medium', [{ flag: '--request-timeout', op: 'duration-nonzero' }], '--request-timeout=300s'),
  flag('apiserver-alpha-apis-off', API, { stig: ['V-242400'] }, 'Alpha features are switched off on the API server', 'medium', [{ flag: '--feature-gates', op: 'has', value: 'AllAlpha=false' }], '--feature-gates=AllAlpha=false'),
  flag('apiserver-admission-config', API, { stig: ['V-254800'] }, 'API server has an admission configuration file (Pod Security admission settings)', 'high', [{ flag: '--admission-control-config-file', op: 'set' }], '--admission-control-config-file=<file with a PodSecurity configuration>'),

  { kind: 'manual', key: 'apiserver-security-context-deny', ids: { 'cis-ck8s': '1.2.12' }, title: 'Pods are restricted by an admission policy (SecurityContextDeny or PodSecurityPolicy in the benchmark)', severity: 'medium', controlPlane: true, manualInBenchmark: true, observe: { component: API, flag: '--enable-admission-plugins' }, instructions: 'SecurityContextDeny and PodSecurityPolicy no longer exist in current Kubernetes; check that Pod Security admission (or a policy engine) enforces at least the baseline level in every namespace.' },
  { kind: 'manual', key: 'apiserver-request-timeout-review', ids: { 'cis-ck8s': '1.2.22', 'cis-kubeadm': '1.2.20' }, title: 'API server request timeout suits the cluster', severity: 'low', controlPlane: true, manualInBenchmark: true, observe: { component: API, flag: '--request-timeout' }, instructions: 'Keep --request-timeout at the default (60s) unless large requests need longer; Canonical Kubernetes sets 300s.' },

  // 1.3 Controller manager
  flag('controller-manager-pod-gc', KCM, { 'cis-ck8s': '1.3.1', 'cis-kubeadm': '1.3.1' }, 'Terminated pod garbage collection threshold is set', 'low', [{ flag: '--terminated-pod-gc-threshold', op: 'set' }], '--terminated-pod-gc-threshold=12500', { manualInBenchmark: true }),
  flag('controller-manager-profiling', KCM, { 'cis-ck8s': '1.3.2', 'cis-kubeadm': '1.3.2', stig: ['V-242409'] }, 'Controller manager profiling is off', 'medium', [{ flag: '--profiling', op: 'eq', value: 'false' }], '--profiling=false'),
  flag('controller-manager-sa-credentials', KCM, { 'cis-ck8s': '1.3.3', 'cis-kubeadm': '1.3.3', stig: ['V-242381'] }, 'Controllers run with their own service account credentials', 'medium', [{ flag: '--use-service-account-credentials', op: 'eq', value: 'true' }], '--use-service-account-credentials=true'),
  flag('controller-manager-sa-key', KCM, { 'cis-ck8s': '1.3.4', 'cis-kubeadm': '1.3.4' }, 'Controller manager signs service account tokens with a key file', 'medium', [{ flag: '--service-account-private-key-file', op: 'set' }], '--service-account-private-key-file=<key>'),
  flag('controller-manager-root-ca', KCM, { 'cis-ck8s': '1.3.5', 'cis-kubeadm': '1.3.5', stig: ['V-242421'] }, 'Controller manager hands the root CA to service accounts', 'medium', [{ flag: '--root-ca-file', op: 'set' }], '--root-ca-file=<ca file>'),
  flag('controller-manager-rotate-server-cert', KCM, { 'cis-ck8s': '1.3.6', 'cis-kubeadm': '1.3.6' }, 'Kubelet serving certificate rotation is not switched off', 'medium', [{ flag: '--feature-gates', op: 'nothave', value: 'RotateKubeletServerCertificate=false', passWhenUnset: true }], 'remove RotateKubeletServerCertificate=false from --feature-gates'),
  flag('controller-manager-bind-address', KCM, { 'cis-ck8s': '1.3.7', 'cis-kubeadm': '1.3.7', stig: ['V-242385'] }, 'Controller manager listens on localhost only', 'medium', [{ flag: '--bind-address', op: 'eq', value: '127.0.0.1' }], '--bind-address=127.0.0.1'),
  flag('controller-manager-tls-min-version', KCM, { stig: ['V-242376'] }, 'Controller manager accepts TLS 1.2 or later only', 'medium', [{ flag: '--tls-min-version', op: 'oneof', value: 'VersionTLS12,VersionTLS13' }], '--tls-min-version=VersionTLS12'),

  // 1.4 Scheduler
  flag('scheduler-profiling', SCHED, { 'cis-ck8s': '1.4.1', 'cis-kubeadm': '1.4.1' }, 'Scheduler profiling is off', 'medium', [{ flag: '--profiling', op: 'eq', value: 'false' }], '--profiling=false'),
  flag('scheduler-bind-address', SCHED, { 'cis-ck8s': '1.4.2', 'cis-kubeadm': '1.4.2', stig: ['V-242384'] }, 'Scheduler listens on localhost only', 'medium', [{ flag: '--bind-address', op: 'eq', value: '127.0.0.1' }], '--bind-address=127.0.0.1'),
  flag('scheduler-tls-min-version', SCHED, { stig: ['V-242377'] }, 'Scheduler accepts TLS 1.2 or later only', 'medium', [{ flag: '--tls-min-version', op: 'oneof', value: 'VersionTLS12,VersionTLS13' }], '--tls-min-version=VersionTLS12'),

  // 2 etcd
  flag('etcd-tls', 'etcd', { 'cis-ck8s': '2.1', 'cis-kubeadm': '2.1', stig: ['V-242427', 'V-242428'] }, 'etcd serves clients over TLS', 'high', [{ flag: '--cert-file', op: 'set' }, { flag: '--key-file', op: 'set' }], '--cert-file=<cert> and --key-file=<key>', { etcdOnly: true }),
  flag('etcd-client-cert-auth', 'etcd', { 'cis-ck8s': '2.2', 'cis-kubeadm': '2.2', stig: ['V-242423'] }, 'etcd requires client certificates', 'high', [{ flag: '--client-cert-auth', op: 'eq', value: 'true' }], '--client-cert-auth=true', { etcdOnly: true }),
  flag('etcd-auto-tls', 'etcd', { 'cis-ck8s': '2.3', 'cis-kubeadm': '2.3', stig: ['V-242379'] }, 'etcd does not use self-signed client TLS', 'high', [{ flag: '--auto-tls', op: 'noteq', value: 'true' }], '--auto-tls=false', { etcdOnly: true }),
  flag('etcd-peer-tls', 'etcd', { 'cis-ck8s': '2.4', 'cis-kubeadm': '2.4', stig: ['V-242432', 'V-242433'] }, 'etcd peers talk over TLS', 'high', [{ flag: '--peer-cert-file', op: 'set' }, { flag: '--peer-key-file', op: 'set' }], '--peer-cert-file=<cert> and --peer-key-file=<key>', { etcdOnly: true }),
  flag('etcd-peer-client-cert-auth', 'etcd', { 'cis-ck8s': '2.5', 'cis-kubeadm': '2.5', stig: ['V-242426'] }, 'etcd peers require client certificates', 'high', [{ flag: '--peer-client-cert-auth', op: 'eq', value: 'true' }], '--peer-client-cert-auth=true', { etcdOnly: true }),
  flag('etcd-peer-auto-tls', 'etcd', { 'cis-ck8s': '2.6', 'cis-kubeadm': '2.6', stig: ['V-242380'] }, 'etcd does not use self-signed peer TLS', 'high', [{ flag: '--peer-auto-tls', op: 'noteq', value: 'true' }], '--peer-auto-tls=false', { etcdOnly: true }),
  flag('etcd-trusted-ca', 'etcd', { 'cis-ck8s': '2.7', 'cis-kubeadm': '2.7' }, 'etcd trusts its own certificate authority', 'medium', [{ flag: '--trusted-ca-file', op: 'set' }], '--trusted-ca-file=<etcd ca file, not the cluster CA>', { etcdOnly: true, manualInBenchmark: true }),

  // 3 Control-plane configuration
  { kind: 'manual', key: 'users-client-cert-auth', ids: { 'cis-ck8s': '3.1.1', 'cis-kubeadm': '3.1.1' }, title: 'Client certificates are not used to authenticate users', severity: 'medium', controlPlane: true, manualInBenchmark: true, instructions: 'Client certificates cannot be revoked. List the kubeconfigs handed to people (admin.conf included) and move users to OIDC or webhook token authentication.' },
  { kind: 'manual', key: 'users-sa-token-auth', ids: { 'cis-kubeadm': '3.1.2' }, title: 'Service account tokens are not used to authenticate users', severity: 'medium', controlPlane: true, manualInBenchmark: true, instructions: 'Check that no person uses a service account token; give people their own identities through OIDC or a webhook.' },
  { kind: 'manual', key: 'users-bootstrap-token-auth', ids: { 'cis-kubeadm': '3.1.3' }, title: 'Bootstrap tokens are not used to authenticate users', severity: 'medium', controlPlane: true, manualInBenchmark: true, instructions: 'Check that bootstrap tokens (kube-system secrets of type bootstrap.kubernetes.io/token) are used only to join nodes and expire.' },

  // 4.1 Worker node files
  file('kubelet-service-mode', { 'cis-ck8s': '4.1.1', 'cis-kubeadm': '4.1.1' }, 'kubelet service file is mode 600 or stricter', { kubeletService: true }, { ...perms('600') }),
  file('kubelet-service-owner', { 'cis-ck8s': '4.1.2', 'cis-kubeadm': '4.1.2' }, 'kubelet service file is owned by root:root', { kubeletService: true }, { ...ownedBy() }),
  file('proxy-kubeconfig-mode', { 'cis-ck8s': '4.1.3', 'cis-kubeadm': '4.1.3', stig: ['V-242447'] }, 'kube-proxy kubeconfig, if present, is mode 600 or stricter', { layout: 'proxyConf' }, { ...perms('600'), manualInBenchmark: true }),
  file('proxy-kubeconfig-owner', { 'cis-ck8s': '4.1.4', 'cis-kubeadm': '4.1.4', stig: ['V-242448'] }, 'kube-proxy kubeconfig, if present, is owned by root:root', { layout: 'proxyConf' }, { ...ownedBy(), manualInBenchmark: true }),
  file('kubelet-kubeconfig-mode', { 'cis-ck8s': '4.1.5', 'cis-kubeadm': '4.1.5', stig: ['V-242452'] }, 'kubelet kubeconfig is mode 600 or stricter', { layout: 'kubeletConf' }, { ...perms('600') }),
  file('kubelet-kubeconfig-owner', { 'cis-ck8s': '4.1.6', 'cis-kubeadm': '4.1.6', stig: ['V-242453'] }, 'kubelet kubeconfig is owned by root:root', { layout: 'kubeletConf' }, { ...ownedBy() }),
  file('kubelet-client-ca-mode', { 'cis-ck8s': '4.1.7', 'cis-kubeadm': '4.1.7', stig: ['V-242449'] }, 'kubelet client CA file is mode 600 (Canonical) or 644 (kubeadm) or stricter', { kubeletFlagFile: '--client-ca-file' }, { ...perms('600', '644'), manualInBenchmark: true }),
  file('kubelet-client-ca-owner', { 'cis-ck8s': '4.1.8', 'cis-kubeadm': '4.1.8', stig: ['V-242450'] }, 'kubelet client CA file is owned by root:root', { kubeletFlagFile: '--client-ca-file' }, { ...ownedBy(), manualInBenchmark: true }),
  file('kubelet-config-mode', { 'cis-ck8s': '4.1.9', 'cis-kubeadm': '4.1.9', stig: ['V-242407', 'V-242456'] }, 'kubelet configuration file is mode 600 or stricter', { config: 'kubelet-config' }, { ...perms('600') }),
  file('kubelet-config-owner', { 'cis-ck8s': '4.1.10', 'cis-kubeadm': '4.1.10', stig: ['V-242406', 'V-242457'] }, 'kubelet configuration file is owned by root:root', { config: 'kubelet-config' }, { ...ownedBy() }),

  // 4.2 Kubelet
  flag('kubelet-anonymous-auth', KUBELET, { 'cis-ck8s': '4.2.1', 'cis-kubeadm': '4.2.1', stig: ['V-242391'] }, 'kubelet rejects anonymous requests', 'high', [{ flag: '--anonymous-auth', op: 'eq', value: 'false' }], '--anonymous-auth=false'),
  flag('kubelet-authz-mode', KUBELET, { 'cis-ck8s': '4.2.2', 'cis-kubeadm': '4.2.2', stig: ['V-242392'] }, 'kubelet authorizes requests (not AlwaysAllow)', 'critical', [{ flag: '--authorization-mode', op: 'nothave', value: 'AlwaysAllow' }], '--authorization-mode=Webhook'),
  flag('kubelet-client-ca', KUBELET, { 'cis-ck8s': '4.2.3', 'cis-kubeadm': '4.2.3', stig: ['V-242420'] }, 'kubelet verifies client certificates', 'high', [{ flag: '--client-ca-file', op: 'set' }], '--client-ca-file=<ca file>'),
  flag('kubelet-read-only-port', KUBELET, { 'cis-ck8s': '4.2.4', 'cis-kubeadm': '4.2.4', stig: ['V-242387'] }, 'kubelet read-only port is closed', 'high', [{ flag: '--read-only-port', op: 'eq', value: '0' }], '--read-only-port=0', { manualInBenchmark: true }),
  flag('kubelet-streaming-idle-timeout', KUBELET, { 'cis-ck8s': '4.2.5', 'cis-kubeadm': '4.2.5' }, 'kubelet streaming connections time out', 'medium', [{ flag: '--streaming-connection-idle-timeout', op: 'duration-nonzero' }], '--streaming-connection-idle-timeout=5m', { manualInBenchmark: true }),
  flag('kubelet-streaming-idle-timeout-stig', KUBELET, { stig: ['V-245541'] }, 'kubelet streaming connections time out within 5 minutes', 'medium', [{ flag: '--streaming-connection-idle-timeout', op: 'duration-lte', value: '5m' }], '--streaming-connection-idle-timeout=5m'),
  flag('kubelet-protect-kernel-defaults', KUBELET, { 'cis-ck8s': '4.2.6', stig: ['V-242434'] }, 'kubelet refuses to change kernel settings', 'medium', [{ flag: '--protect-kernel-defaults', op: 'eq', value: 'true' }], '--protect-kernel-defaults=true (set the kernel parameters the kubelet needs first)'),
  flag('kubelet-iptables-chains', KUBELET, { 'cis-ck8s': '4.2.7', 'cis-kubeadm': '4.2.6' }, 'kubelet manages its iptables chains', 'low', [{ flag: '--make-iptables-util-chains', op: 'eq', value: 'true' }], '--make-iptables-util-chains=true'),
  flag('kubelet-hostname-override', KUBELET, { 'cis-ck8s': '4.2.8', 'cis-kubeadm': '4.2.7', stig: ['V-242404'] }, 'kubelet does not override the hostname', 'low', [{ flag: '--hostname-override', op: 'unset' }], 'remove --hostname-override', { manualInBenchmark: true }),
  flag('kubelet-event-qps', KUBELET, { 'cis-ck8s': '4.2.9', 'cis-kubeadm': '4.2.8' }, 'kubelet records events (event QPS not negative)', 'low', [{ flag: '--event-qps', op: 'gte', value: '0' }], '--event-qps=50', { manualInBenchmark: true }),
  flag('kubelet-tls-cert', KUBELET, { 'cis-ck8s': '4.2.10', 'cis-kubeadm': '4.2.9', stig: ['V-242424', 'V-242425'] }, 'kubelet serves TLS with a certificate of its own', 'medium', [{ flag: '--tls-cert-file', op: 'set' }, { flag: '--tls-private-key-file', op: 'set' }], '--tls-cert-file=<cert> and --tls-private-key-file=<key>', { manualInBenchmark: true }),
  flag('kubelet-rotate-certificates', KUBELET, { 'cis-ck8s': '4.2.11', 'cis-kubeadm': '4.2.10' }, 'kubelet client certificate rotation is not switched off', 'medium', [{ flag: '--rotate-certificates', op: 'noteq', value: 'false', explicitOnly: true }], '--rotate-certificates=true'),
  flag('kubelet-rotate-server-cert', KUBELET, { 'cis-ck8s': '4.2.12', 'cis-kubeadm': '4.2.11' }, 'kubelet serving certificate rotation is not switched off', 'medium', [{ flag: '--feature-gates', op: 'nothave', value: 'RotateKubeletServerCertificate=false', passWhenUnset: true }], 'remove RotateKubeletServerCertificate=false from --feature-gates', { manualInBenchmark: true }),
  flag('kubelet-strong-ciphers', KUBELET, { 'cis-ck8s': '4.2.13' }, 'kubelet offers only strong TLS cipher suites', 'medium', [{ flag: '--tls-cipher-suites', op: 'subset', value: STRONG_CIPHERS_KUBELET_CK8S }], `--tls-cipher-suites=${STRONG_CIPHERS_KUBELET_KUBEADM}`, { manualInBenchmark: true }),
  flag('kubelet-strong-ciphers-kubeadm', KUBELET, { 'cis-kubeadm': '4.2.12' }, 'kubelet offers only strong TLS cipher suites', 'medium', [{ flag: '--tls-cipher-suites', op: 'subset', value: STRONG_CIPHERS_KUBELET_KUBEADM }], `--tls-cipher-suites=${STRONG_CIPHERS_KUBELET_KUBEADM}`, { manualInBenchmark: true }),
  flag('kubelet-pod-pids-limit', KUBELET, { 'cis-kubeadm': '4.2.13' }, 'kubelet limits the PIDs of each pod', 'low', [{ flag: '--pod-max-pids', op: 'set' }], '--pod-max-pids=<limit> (podPidsLimit in the config file)', { manualInBenchmark: true }),
  flag('kubelet-seccomp-default', KUBELET, { 'cis-kubeadm': '4.2.14' }, 'kubelet applies the RuntimeDefault seccomp profile by default', 'low', [{ flag: '--seccomp-default', op: 'eq', value: 'true' }], '--seccomp-default=true (seccompDefault: true in the config file)', { manualInBenchmark: true }),
  flag('kubelet-no-static-pods', KUBELET, { stig: ['V-242397'] }, 'kubelet does not run static pods from a folder', 'high', [{ flag: '--pod-manifest-path', op: 'unset' }], 'remove --pod-manifest-path (staticPodPath)'),
  flag('kubelet-pod-security-gate', KUBELET, { stig: ['V-254801'] }, 'PodSecurity feature gate is not switched off on the kubelet', 'high', [{ flag: '--feature-gates', op: 'nothave', value: 'PodSecurity=false', passWhenUnset: true }], 'remove PodSecurity=false from --feature-gates'),

  // 4.3 kube-proxy
  flag('proxy-metrics-localhost', 'kube-proxy', { 'cis-kubeadm': '4.3.1' }, 'kube-proxy metrics listen on localhost only', 'low', [{ flag: '--metrics-bind-address', op: 'has', value: '127.0.0.1' }], '--metrics-bind-address=127.0.0.1:10249'),
];

/** The checks of one benchmark, with the id each has there. */
export function checksFor(benchmark: BenchmarkId, kinds?: readonly CatalogueCheck['kind'][]): { check: CatalogueCheck; checkId: string }[] {
  const out: { check: CatalogueCheck; checkId: string }[] = [];
  for (const check of CATALOGUE) {
    if (kinds && !kinds.includes(check.kind)) continue;
    const checkId = benchmark === 'stig' ? check.ids.stig?.[0] : check.ids[benchmark];
    if (checkId) out.push({ check, checkId });
  }
  return out;
}
