import type { KubeObject } from '../../core/types.js';
import {
  annotations,
  containers,
  containersPhrase,
  goQuote,
  isTrue,
  joinQuote,
  list,
  obj,
  pluralize,
  podSecurityContext,
  sortedSet,
  str,
  usesUserNamespace,
  type CheckFn,
  type Path,
  type Violation,
} from '../pod.js';

/** Baseline checks of k8s.io/pod-security-admission/policy, one function per policy revision. */

export const hostNamespacesV1Dot0: CheckFn = (_meta, spec) => {
  const set: string[] = [];
  const paths: Path[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (isTrue(spec[field])) {
      set.push(`${field}=true`);
      paths.push(['spec', field]);
    }
  }
  return set.length ? { reason: 'host namespaces', detail: set.join(', '), paths } : undefined;
};

export const privilegedV1Dot0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    if (isTrue(c.securityContext?.privileged)) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'privileged']);
    }
  }
  if (!bad.length) return undefined;
  return { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true`, paths };
};

export const CAPABILITIES_ALLOWED_V1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilitiesBaselineV1Dot0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const caps: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    const capabilities = obj(c.securityContext?.capabilities);
    if (!capabilities) continue;
    let valid = true;
    list(capabilities.add).forEach((cap, j) => {
      if (CAPABILITIES_ALLOWED_V1_0.has(str(cap))) return;
      valid = false;
      caps.push(str(cap));
      paths.push([...c.path, 'securityContext', 'capabilities', 'add', j]);
    });
    if (!valid) bad.push(c.name);
  }
  if (!bad.length) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    paths,
  };
};

export const hostPathVolumesV1Dot0: CheckFn = (_meta, spec) => {
  const names: string[] = [];
  const paths: Path[] = [];
  list(spec.volumes).forEach((v, i) => {
    const volume = obj(v);
    // Any value but null is a hostPath source (a typed client would turn `{}` into a non-nil pointer).
    if (volume && volume.hostPath !== undefined && volume.hostPath !== null) {
      names.push(str(volume.name));
      paths.push(['spec', 'volumes', i, 'hostPath']);
    }
  });
  if (!names.length) return undefined;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths };
};

export const hostPortsV1Dot0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const ports: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    let valid = true;
    list(c.container.ports).forEach((p, j) => {
      const hostPort = obj(p)?.hostPort;
      if (hostPort === undefined || hostPort === null || hostPort === 0 || hostPort === '0') return;
      valid = false;
      ports.push(str(hostPort));
      paths.push([...c.path, 'ports', j, 'hostPort']);
    });
    if (!valid) bad.push(c.name);
  }
  if (!bad.length) return undefined;
  const portList = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', portList.length)} ${portList.join(', ')}`,
    paths,
  };
};

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedAppArmorType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/**
 * Upstream has one revision at v1.0 but it reads both the deprecated annotations and (since the
 * v1.30 code) the `appArmorProfile` fields, so the fields count at every policy version.
 */
export const appArmorProfileV1Dot0: CheckFn = (meta, spec) => {
  const setters: string[] = [];
  const values: string[] = [];
  const paths: Path[] = [];
  const podProfile = obj(podSecurityContext(spec)?.appArmorProfile);
  if (podProfile && !allowedAppArmorType(str(podProfile.type))) {
    setters.push('pod');
    values.push(str(podProfile.type));
    paths.push(['spec', 'securityContext', 'appArmorProfile', 'type']);
  }
  const bad: string[] = [];
  for (const c of containers(spec)) {
    const profile = obj(c.securityContext?.appArmorProfile);
    if (profile && !allowedAppArmorType(str(profile.type))) {
      bad.push(c.name);
      values.push(str(profile.type));
      paths.push([...c.path, 'securityContext', 'appArmorProfile', 'type']);
    }
  }
  if (bad.length) setters.push(containersPhrase(bad));
  const valueList = sortedSet(values);
  const forbiddenAnnotations: string[] = [];
  for (const [key, value] of Object.entries(annotations(meta))) {
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
      forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
      paths.push(['metadata', 'annotations', key]);
    }
  }
  if (forbiddenAnnotations.length) {
    forbiddenAnnotations.sort();
    valueList.push(...forbiddenAnnotations);
    setters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (!setters.length) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
    paths,
  };
};

const SELINUX_TYPES_V1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_V1_31 = [...SELINUX_TYPES_V1_0, 'container_engine_t'];

function seLinuxOptionsCheck(allowedTypes: readonly string[]): CheckFn {
  const allowed = new Set(allowedTypes);
  return (_meta, spec) => {
    const setters: string[] = [];
    const badTypes: string[] = [];
    const paths: Path[] = [];
    let setUser = false;
    let setRole = false;
    // True when the options are allowed; records what is wrong otherwise.
    const inspect = (opts: KubeObject, at: Path): boolean => {
      let valid = true;
      if (!allowed.has(str(opts.type))) {
        valid = false;
        badTypes.push(str(opts.type));
        paths.push([...at, 'type']);
      }
      if (str(opts.user) !== '') {
        valid = false;
        setUser = true;
        paths.push([...at, 'user']);
      }
      if (str(opts.role) !== '') {
        valid = false;
        setRole = true;
        paths.push([...at, 'role']);
      }
      return valid;
    };
    const podOpts = obj(podSecurityContext(spec)?.seLinuxOptions);
    if (podOpts && !inspect(podOpts, ['spec', 'securityContext', 'seLinuxOptions'])) setters.push('pod');
    const bad: string[] = [];
    for (const c of containers(spec)) {
      const opts = obj(c.securityContext?.seLinuxOptions);
      if (opts && !inspect(opts, [...c.path, 'securityContext', 'seLinuxOptions'])) bad.push(c.name);
    }
    if (bad.length) setters.push(containersPhrase(bad));
    if (!setters.length) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      paths,
    };
  };
}

export const seLinuxOptionsV1Dot0 = seLinuxOptionsCheck(SELINUX_TYPES_V1_0);
export const seLinuxOptionsV1Dot31 = seLinuxOptionsCheck(SELINUX_TYPES_V1_31);

/** Any procMount but `Default` (or unset) is forbidden. */
export const procMountV1Dot0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    const pm = c.securityContext?.procMount;
    if (pm === undefined || pm === null) continue;
    if (str(pm) !== 'Default') {
      bad.push(c.name);
      types.push(str(pm));
      paths.push([...c.path, 'securityContext', 'procMount']);
    }
  }
  if (!bad.length) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths,
  };
};

/** From v1.35 a pod in its own user namespace (`hostUsers: false`) may unmask /proc. */
export const procMountV1Dot35: CheckFn = (meta, spec) => (usesUserNamespace(spec) ? undefined : procMountV1Dot0(meta, spec));

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

export function allowedSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Before v1.19 seccomp was set by alpha annotations on the pod. */
export const seccompProfileBaselineV1Dot0: CheckFn = (meta, spec) => {
  const ann = annotations(meta);
  const forbidden = new Map<string, Path>();
  const inspect = (key: string) => {
    if (Object.prototype.hasOwnProperty.call(ann, key) && !allowedSeccompAnnotation(ann[key]!)) {
      forbidden.set(`${key}=${goQuote(ann[key]!)}`, ['metadata', 'annotations', key]);
    }
  };
  inspect(SECCOMP_POD_ANNOTATION);
  for (const c of containers(spec)) inspect(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  if (!forbidden.size) return undefined;
  const items = sortedSet(forbidden.keys());
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', items.length)} ${items.join(', ')}`,
    paths: items.map((k) => forbidden.get(k)!),
  };
};

export const seccompProfileBaselineV1Dot19: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const values: string[] = [];
  const paths: Path[] = [];
  const podProfile = obj(podSecurityContext(spec)?.seccompProfile);
  if (podProfile && !allowedSeccompType(str(podProfile.type))) {
    setters.push('pod');
    values.push(str(podProfile.type));
    paths.push(['spec', 'securityContext', 'seccompProfile', 'type']);
  }
  const bad: string[] = [];
  for (const c of containers(spec)) {
    const profile = obj(c.securityContext?.seccompProfile);
    if (profile && !allowedSeccompType(str(profile.type))) {
      bad.push(c.name);
      values.push(str(profile.type));
      paths.push([...c.path, 'securityContext', 'seccompProfile', 'type']);
    }
  }
  if (bad.length) setters.push(containersPhrase(bad));
  if (!setters.length) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    paths,
  };
};

/** Safe (namespaced, isolated) sysctls by the policy version that first allows them. */
export const SAFE_SYSCTLS: Readonly<Record<number, readonly string[]>> = {
  0: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'],
  27: ['net.ipv4.ip_local_reserved_ports'],
  29: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'],
  32: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'],
  37: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'],
};

export function safeSysctlsAt(minor: number): Set<string> {
  const out = new Set<string>();
  for (const [since, names] of Object.entries(SAFE_SYSCTLS)) if (Number(since) <= minor) names.forEach((n) => out.add(n));
  return out;
}

function sysctlsCheck(minor: number): CheckFn {
  const allowed = safeSysctlsAt(minor);
  return (_meta, spec) => {
    const forbidden: string[] = [];
    const paths: Path[] = [];
    list(podSecurityContext(spec)?.sysctls).forEach((s, i) => {
      const name = str(obj(s)?.name);
      if (allowed.has(name)) return;
      forbidden.push(name);
      paths.push(['spec', 'securityContext', 'sysctls', i, 'name']);
    });
    return forbidden.length ? { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths } : undefined;
  };
}

export const sysctlsV1Dot0 = sysctlsCheck(0);
export const sysctlsV1Dot27 = sysctlsCheck(27);
export const sysctlsV1Dot29 = sysctlsCheck(29);
export const sysctlsV1Dot32 = sysctlsCheck(32);
export const sysctlsV1Dot37 = sysctlsCheck(37);

export const windowsHostProcessV1Dot0: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const paths: Path[] = [];
  const bad: string[] = [];
  const containerPaths: Path[] = [];
  for (const c of containers(spec)) {
    if (isTrue(obj(c.securityContext?.windowsOptions)?.hostProcess)) {
      bad.push(c.name);
      containerPaths.push([...c.path, 'securityContext', 'windowsOptions', 'hostProcess']);
    }
  }
  if (isTrue(obj(podSecurityContext(spec)?.windowsOptions)?.hostProcess)) {
    setters.push('pod');
    paths.push(['spec', 'securityContext', 'windowsOptions', 'hostProcess']);
  }
  if (bad.length) setters.push(containersPhrase(bad));
  paths.push(...containerPaths);
  if (!setters.length) return undefined;
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths };
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

export const hostProbesAndHostLifecycleV1Dot34: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const hosts: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    let found = false;
    const inspect = (handler: unknown, at: Path) => {
      const h = obj(handler);
      if (!h) return;
      for (const kind of ['httpGet', 'tcpSocket']) {
        const host = str(obj(h[kind])?.host);
        if (host !== '') {
          found = true;
          hosts.push(host);
          paths.push([...at, kind, 'host']);
        }
      }
    };
    for (const probe of PROBES) inspect(c.container[probe], [...c.path, probe]);
    const lifecycle = obj(c.container.lifecycle);
    if (lifecycle) for (const hook of HOOKS) inspect(lifecycle[hook], [...c.path, 'lifecycle', hook]);
    if (found) bad.push(c.name);
  }
  if (!bad.length) return undefined;
  const names = sortedSet(bad);
  const hostList = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
    paths,
  };
};

export type { Violation };
