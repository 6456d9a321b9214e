/**
 * Where each distribution keeps its files, and the Kubernetes defaults of the flags the checks read.
 * Paths are node paths (absolute on the node); the collector joins them to --root.
 */

export type Distribution = 'canonical-k8s' | 'kubeadm';
export type ComponentName =
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'etcd'
  | 'k8s-dqlite'
  | 'kubelet'
  | 'kube-proxy'
  | 'containerd';

export const CONTROL_PLANE_COMPONENTS: readonly ComponentName[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'k8s-dqlite'];
export const ALL_COMPONENTS: readonly ComponentName[] = [...CONTROL_PLANE_COMPONENTS, 'kubelet', 'kube-proxy', 'containerd'];

export const SNAP_COMMON = '/var/snap/k8s/common';
export const SNAP_ARGS_DIR = `${SNAP_COMMON}/args`;

export interface Layout {
  distribution: Distribution;
  /** The file each component's flags are written in. */
  componentConfig: Partial<Record<ComponentName, string>>;
  /** Well-known files and folders the benchmarks name, by role. */
  files: Record<string, string>;
  pkiDir: string;
  cniDir: string;
}

export const SNAP_LAYOUT: Layout = {
  distribution: 'canonical-k8s',
  componentConfig: {
    'kube-apiserver': `${SNAP_ARGS_DIR}/kube-apiserver`,
    'kube-controller-manager': `${SNAP_ARGS_DIR}/kube-controller-manager`,
    'kube-scheduler': `${SNAP_ARGS_DIR}/kube-scheduler`,
    etcd: `${SNAP_ARGS_DIR}/etcd`,
    'k8s-dqlite': `${SNAP_ARGS_DIR}/k8s-dqlite`,
    kubelet: `${SNAP_ARGS_DIR}/kubelet`,
    'kube-proxy': `${SNAP_ARGS_DIR}/kube-proxy`,
    containerd: `${SNAP_ARGS_DIR}/containerd`,
  },
  files: {
    argsDir: SNAP_ARGS_DIR,
    argsConfDir: `${SNAP_ARGS_DIR}/conf.d`,
    etcdDataDir: `${SNAP_COMMON}/var/lib/etcd`,
    dqliteDataDir: `${SNAP_COMMON}/var/lib/k8s-dqlite`,
    kubernetesDir: '/etc/kubernetes',
    adminConf: '/etc/kubernetes/admin.conf',
    schedulerConf: '/etc/kubernetes/scheduler.conf',
    controllerManagerConf: '/etc/kubernetes/controller.conf',
    kubeletConf: '/etc/kubernetes/kubelet.conf',
    proxyConf: '/etc/kubernetes/proxy.conf',
    kubeletService: '/etc/systemd/system/snap.k8s.kubelet.service',
    kubeletClientCa: '/etc/kubernetes/pki/client-ca.crt',
    bom: '/snap/k8s/current/bom.json',
    snapYaml: '/snap/k8s/current/meta/snap.yaml',
  },
  pkiDir: '/etc/kubernetes/pki',
  cniDir: '/etc/cni/net.d',
};

export const KUBEADM_LAYOUT: Layout = {
  distribution: 'kubeadm',
  componentConfig: {
    'kube-apiserver': '/etc/kubernetes/manifests/kube-apiserver.yaml',
    'kube-controller-manager': '/etc/kubernetes/manifests/kube-controller-manager.yaml',
    'kube-scheduler': '/etc/kubernetes/manifests/kube-scheduler.yaml',
    etcd: '/etc/kubernetes/manifests/etcd.yaml',
    kubelet: '/var/lib/kubelet/config.yaml',
  },
  files: {
    manifestsDir: '/etc/kubernetes/manifests',
    etcdDataDir: '/var/lib/etcd',
    kubernetesDir: '/etc/kubernetes',
    adminConf: '/etc/kubernetes/admin.conf',
    superAdminConf: '/etc/kubernetes/super-admin.conf',
    schedulerConf: '/etc/kubernetes/scheduler.conf',
    controllerManagerConf: '/etc/kubernetes/controller-manager.conf',
    kubeletConf: '/etc/kubernetes/kubelet.conf',
    proxyConf: '/etc/kubernetes/proxy.conf',
    kubeletConfigFile: '/var/lib/kubelet/config.yaml',
    kubeletFlagsEnv: '/var/lib/kubelet/kubeadm-flags.env',
    kubeletDefaults: '/etc/default/kubelet',
    kubeletService: '/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
    kubeletClientCa: '/etc/kubernetes/pki/ca.crt',
  },
  pkiDir: '/etc/kubernetes/pki',
  cniDir: '/etc/cni/net.d',
};

/** Other places kubeadm packages put the kubelet drop-in (old apt repo, rpm). */
export const KUBEADM_KUBELET_SERVICE_CANDIDATES = [
  '/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
];

/**
 * Defaults of flags that are not set, as the component's `--help` states them (Kubernetes 1.3x).
 * For the kubelet, `flag` is the command-line default and `config` the KubeletConfiguration default,
 * which applies instead whenever the kubelet runs with `--config`.
 */
export const FLAG_DEFAULTS: Partial<Record<ComponentName, Record<string, { flag?: string; config?: string }>>> = {
  'kube-apiserver': {
    '--anonymous-auth': { flag: 'true' },
    '--authorization-mode': { flag: 'AlwaysAllow' },
    '--profiling': { flag: 'true' },
    '--secure-port': { flag: '6443' },
    '--service-account-lookup': { flag: 'true' },
    '--request-timeout': { flag: '1m0s' },
    '--service-account-extend-token-expiration': { flag: 'true' },
    '--audit-log-maxage': { flag: '0' },
    '--audit-log-maxbackup': { flag: '0' },
    '--audit-log-maxsize': { flag: '0' },
  },
  'kube-controller-manager': {
    '--profiling': { flag: 'true' },
    '--use-service-account-credentials': { flag: 'false' },
    '--bind-address': { flag: '0.0.0.0' },
    '--terminated-pod-gc-threshold': { flag: '12500' },
  },
  'kube-scheduler': {
    '--profiling': { flag: 'true' },
    '--bind-address': { flag: '0.0.0.0' },
  },
  etcd: {
    '--client-cert-auth': { flag: 'false' },
    '--auto-tls': { flag: 'false' },
    '--peer-client-cert-auth': { flag: 'false' },
    '--peer-auto-tls': { flag: 'false' },
  },
  kubelet: {
    '--anonymous-auth': { flag: 'true', config: 'false' },
    '--authorization-mode': { flag: 'AlwaysAllow', config: 'Webhook' },
    '--authentication-token-webhook': { flag: 'false', config: 'true' },
    '--read-only-port': { flag: '10255', config: '0' },
    '--streaming-connection-idle-timeout': { flag: '4h0m0s', config: '4h0m0s' },
    '--protect-kernel-defaults': { flag: 'false', config: 'false' },
    '--make-iptables-util-chains': { flag: 'true', config: 'true' },
    '--event-qps': { flag: '50', config: '50' },
    '--rotate-certificates': { flag: 'false', config: 'false' },
  },
  'kube-proxy': {
    '--metrics-bind-address': { flag: '127.0.0.1:10249' },
  },
};

/** KubeletConfiguration field for each kubelet flag the checks read. */
export const KUBELET_CONFIG_FIELDS: Record<string, string[]> = {
  '--anonymous-auth': ['authentication', 'anonymous', 'enabled'],
  '--authentication-token-webhook': ['authentication', 'webhook', 'enabled'],
  '--client-ca-file': ['authentication', 'x509', 'clientCAFile'],
  '--authorization-mode': ['authorization', 'mode'],
  '--read-only-port': ['readOnlyPort'],
  '--streaming-connection-idle-timeout': ['streamingConnectionIdleTimeout'],
  '--protect-kernel-defaults': ['protectKernelDefaults'],
  '--make-iptables-util-chains': ['makeIPTablesUtilChains'],
  '--event-qps': ['eventRecordQPS'],
  '--tls-cert-file': ['tlsCertFile'],
  '--tls-private-key-file': ['tlsPrivateKeyFile'],
  '--tls-cipher-suites': ['tlsCipherSuites'],
  '--tls-min-version': ['tlsMinVersion'],
  '--rotate-certificates': ['rotateCertificates'],
  '--feature-gates': ['featureGates'],
  '--pod-max-pids': ['podPidsLimit'],
  '--seccomp-default': ['seccompDefault'],
  '--pod-manifest-path': ['staticPodPath'],
};

/** Process binary names → component, for /proc/<pid>/cmdline. */
export const BINARIES: Record<string, ComponentName> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
  'k8s-dqlite': 'k8s-dqlite',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  containerd: 'containerd',
};
