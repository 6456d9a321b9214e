import {
  containers,
  containersPhrase,
  isWindowsPod,
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
} from '../pod.js';
import { allowedSeccompType } from './baseline.js';

/** Restricted checks of k8s.io/pod-security-admission/policy, one function per policy revision. */

/** Volume sources the restricted level allows (`image` was allowed in the v1.0 revision itself, in Kubernetes 1.33). */
const ALLOWED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

/** Volume sources upstream names in its message, in the order it tests them. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'portworxVolume',
  'photonPersistentDisk',
  'scaleIO',
  'storageos',
];

export const restrictedVolumesV1Dot0: CheckFn = (_meta, spec) => {
  const names: string[] = [];
  const types: string[] = [];
  const paths: Path[] = [];
  list(spec.volumes).forEach((v, i) => {
    const volume = obj(v);
    if (!volume) return;
    const sources = Object.keys(volume).filter((k) => k !== 'name' && volume[k] !== null && volume[k] !== undefined);
    // A volume without a source is defaulted to emptyDir by the API server.
    if (sources.length === 0 || sources.some((s) => ALLOWED_VOLUME_SOURCES.has(s))) return;
    names.push(str(volume.name));
    const known = RESTRICTED_VOLUME_SOURCES.find((s) => sources.includes(s));
    types.push(known ?? 'unknown');
    paths.push(['spec', 'volumes', i, known ?? sources[0]!]);
  });
  if (!names.length) return undefined;
  const typeList = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
    paths,
  };
};

export const allowPrivilegeEscalationV1Dot8: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    if (c.securityContext?.allowPrivilegeEscalation !== false) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'allowPrivilegeEscalation']);
    }
  }
  if (!bad.length) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    paths,
  };
};

/** From v1.25, some restricted checks do not apply to pods that declare `spec.os.name: windows`. */
function exceptWindows(check: CheckFn): CheckFn {
  return (meta, spec) => (isWindowsPod(spec) ? undefined : check(meta, spec));
}

/** From v1.35, a pod in its own user namespace (`hostUsers: false`) is not held to a non-root user. */
function exceptUserNamespace(check: CheckFn): CheckFn {
  return (meta, spec) => (usesUserNamespace(spec) ? undefined : check(meta, spec));
}

export const allowPrivilegeEscalationV1Dot25 = exceptWindows(allowPrivilegeEscalationV1Dot8);

export const runAsNonRootV1Dot0: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const paths: Path[] = [];
  let podNonRoot = false;
  const podValue = podSecurityContext(spec)?.runAsNonRoot;
  if (podValue !== undefined && podValue !== null) {
    if (podValue !== true) {
      setters.push('pod');
      paths.push(['spec', 'securityContext', 'runAsNonRoot']);
    } else podNonRoot = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  const explicitPaths: Path[] = [];
  const implicitPaths: Path[] = [];
  for (const c of containers(spec)) {
    const value = c.securityContext?.runAsNonRoot;
    const at = [...c.path, 'securityContext', 'runAsNonRoot'];
    if (value !== undefined && value !== null) {
      if (value !== true) {
        explicit.push(c.name);
        explicitPaths.push(at);
      }
    } else if (!podNonRoot) {
      implicit.push(c.name);
      implicitPaths.push(at);
    }
  }
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths: [...paths, ...explicitPaths],
    };
  }
  if (implicit.length) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`,
      paths: implicitPaths,
    };
  }
  return undefined;
};

export const runAsNonRootV1Dot35 = exceptUserNamespace(runAsNonRootV1Dot0);

function isZero(v: unknown): boolean {
  return v === 0 || v === '0';
}

export const runAsUserV1Dot23: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const paths: Path[] = [];
  if (isZero(podSecurityContext(spec)?.runAsUser)) {
    setters.push('pod');
    paths.push(['spec', 'securityContext', 'runAsUser']);
  }
  const bad: string[] = [];
  for (const c of containers(spec)) {
    if (isZero(c.securityContext?.runAsUser)) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'runAsUser']);
    }
  }
  if (bad.length) setters.push(containersPhrase(bad));
  if (!setters.length) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
};

export const runAsUserV1Dot35 = exceptUserNamespace(runAsUserV1Dot23);

export const seccompProfileRestrictedV1Dot19: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const values: string[] = [];
  const paths: Path[] = [];
  let podSet = false;
  const podProfile = obj(podSecurityContext(spec)?.seccompProfile);
  if (podProfile) {
    if (!allowedSeccompType(str(podProfile.type))) {
      setters.push('pod');
      values.push(str(podProfile.type));
      paths.push(['spec', 'securityContext', 'seccompProfile', 'type']);
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  const implicitPaths: Path[] = [];
  for (const c of containers(spec)) {
    const profile = obj(c.securityContext?.seccompProfile);
    const at = [...c.path, 'securityContext', 'seccompProfile', 'type'];
    if (profile) {
      if (!allowedSeccompType(str(profile.type))) {
        explicit.push(c.name);
        values.push(str(profile.type));
        paths.push(at);
      }
    } else if (!podSet) {
      implicit.push(c.name);
      implicitPaths.push(at);
    }
  }
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) {
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
      paths,
    };
  }
  if (implicit.length) {
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      paths: implicitPaths,
    };
  }
  return undefined;
};

export const seccompProfileRestrictedV1Dot25 = exceptWindows(seccompProfileRestrictedV1Dot19);

export const capabilitiesRestrictedV1Dot22: CheckFn = (_meta, spec) => {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  const paths: Path[] = [];
  for (const c of containers(spec)) {
    const capabilities = obj(c.securityContext?.capabilities);
    const capPath = [...c.path, 'securityContext', 'capabilities'];
    if (!capabilities) {
      missingDrop.push(c.name);
      paths.push([...capPath, 'drop']);
      continue;
    }
    if (!list(capabilities.drop).some((d) => d === 'ALL')) {
      missingDrop.push(c.name);
      paths.push([...capPath, 'drop']);
    }
    let forbidden = false;
    list(capabilities.add).forEach((cap, j) => {
      if (cap === 'NET_BIND_SERVICE') return;
      forbidden = true;
      caps.push(str(cap));
      paths.push([...capPath, 'add', j]);
    });
    if (forbidden) adding.push(c.name);
  }
  const details: string[] = [];
  if (missingDrop.length) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`);
  if (!details.length) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
};

export const capabilitiesRestrictedV1Dot25 = exceptWindows(capabilitiesRestrictedV1Dot22);
