import { CAPABILITIES_ALLOWED_V1_0, safeSysctlsAt } from '../pss/checks/baseline.js';
import { LATEST_MINOR } from '../pss/version.js';

/**
 * CEL equivalents of built-in rules, for export as ValidatingAdmissionPolicy. Each is written for
 * the rule's behaviour at the latest Pod Security version, over the pod template of any workload
 * kind. They are tested against the native rules on the same inputs (the PSS conformance fixtures
 * and the rules' own cases): a rule is listed here only when both agree.
 */

export interface CelEquivalent {
  validations: { expression: string; message: string }[];
}

/** Shared variables: the pod template of every workload kind, and all its containers. */
export const WORKLOAD_VARIABLES = [
  {
    name: 'podTemplate',
    expression:
      "object.kind == 'Pod' ? object : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.kind == 'PodTemplate' ? object.template : object.spec.template",
  },
  { name: 'podSpec', expression: 'variables.podTemplate.spec' },
  {
    name: 'podMeta',
    expression: "has(variables.podTemplate.metadata) ? variables.podTemplate.metadata : {'name': ''}",
  },
  {
    name: 'containers',
    expression:
      '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + (has(variables.podSpec.containers) ? variables.podSpec.containers : []) + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
  {
    name: 'isWindows',
    expression: "has(variables.podSpec.os) && has(variables.podSpec.os.name) && variables.podSpec.os.name == 'windows'",
  },
  {
    // Pods in a user namespace (hostUsers: false) get relaxed runAsNonRoot/runAsUser/procMount checks since v1.35.
    name: 'userNamespace',
    expression: 'has(variables.podSpec.hostUsers) && variables.podSpec.hostUsers == false',
  },
];

const sc = (c: string, field: string) => `has(${c}.securityContext) && has(${c}.securityContext.${field})`;
const podSc = (field: string) => `has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.${field})`;

const BASELINE_CAPS = [...CAPABILITIES_ALLOWED_V1_0].sort();
const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

const seLinuxOk = (opts: string) =>
  `(!has(${opts}.type) || ${opts}.type in ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) && (!has(${opts}.user) || ${opts}.user == '') && (!has(${opts}.role) || ${opts}.role == '')`;

const handlerNoHost = (h: string) =>
  `(!has(${h}.httpGet) || !has(${h}.httpGet.host) || ${h}.httpGet.host == '') && (!has(${h}.tcpSocket) || !has(${h}.tcpSocket.host) || ${h}.tcpSocket.host == '')`;

const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image'];

const appArmorTypeOk = (p: string) => `(!has(${p}.appArmorProfile) || !has(${p}.appArmorProfile.type) || ${p}.appArmorProfile.type in ['RuntimeDefault', 'Localhost'])`;
const seccompTypeOk = (p: string) => `(!has(${p}.seccompProfile) || !has(${p}.seccompProfile.type) || ${p}.seccompProfile.type in ['RuntimeDefault', 'Localhost'])`;

/** Rule id → its CEL equivalent. */
export const BUILTIN_CEL: Record<string, CelEquivalent> = {
  'pss-apparmor-profile': {
    validations: [
      {
        expression: `(!has(variables.podSpec.securityContext) || ${appArmorTypeOk('variables.podSpec.securityContext')}) && variables.containers.all(c, !has(c.securityContext) || ${appArmorTypeOk('c.securityContext')}) && (!has(variables.podMeta.annotations) || variables.podMeta.annotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') || variables.podMeta.annotations[k] == '' || variables.podMeta.annotations[k] == 'runtime/default' || variables.podMeta.annotations[k].startsWith('localhost/')))`,
        message: 'AppArmor profiles must be RuntimeDefault or Localhost',
      },
    ],
  },
  'pss-seccomp-profile-baseline': {
    validations: [
      {
        expression: `(!has(variables.podSpec.securityContext) || ${seccompTypeOk('variables.podSpec.securityContext')}) && variables.containers.all(c, !has(c.securityContext) || ${seccompTypeOk('c.securityContext')})`,
        message: 'seccompProfile.type must not be Unconfined',
      },
    ],
  },
  'pss-sysctls': {
    validations: [
      {
        expression: `!${'('}${podSc('sysctls')}) || variables.podSpec.securityContext.sysctls.all(s, s.name in ${list([...safeSysctlsAt(LATEST_MINOR)].sort())})`,
        message: 'only the safe sysctls are allowed',
      },
    ],
  },
  'pss-proc-mount-restricted': {
    validations: [
      {
        expression: `variables.containers.all(c, !(${sc('c', 'procMount')}) || c.securityContext.procMount == 'Default')`,
        message: 'procMount other than Default is forbidden, also in a user namespace',
      },
    ],
  },
  'pss-host-namespaces': {
    validations: [
      {
        expression:
          '!(has(variables.podSpec.hostNetwork) && variables.podSpec.hostNetwork) && !(has(variables.podSpec.hostPID) && variables.podSpec.hostPID) && !(has(variables.podSpec.hostIPC) && variables.podSpec.hostIPC)',
        message: 'host namespaces (hostNetwork, hostPID, hostIPC) are forbidden',
      },
    ],
  },
  'pss-privileged': {
    validations: [
      {
        expression: `variables.containers.all(c, !(${sc('c', 'privileged')} && c.securityContext.privileged))`,
        message: 'privileged containers are forbidden',
      },
    ],
  },
  'pss-capabilities-baseline': {
    validations: [
      {
        expression: `variables.containers.all(c, !(${sc('c', 'capabilities')} && has(c.securityContext.capabilities.add)) || c.securityContext.capabilities.add.all(cap, cap in ${list(BASELINE_CAPS)}))`,
        message: 'adding capabilities beyond the baseline set is forbidden',
      },
    ],
  },
  'pss-host-path-volumes': {
    validations: [
      {
        expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
        message: 'hostPath volumes are forbidden',
      },
    ],
  },
  'pss-host-ports': {
    validations: [
      {
        expression: 'variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))',
        message: 'hostPort is forbidden',
      },
    ],
  },
  'pss-windows-host-process': {
    validations: [
      {
        expression: `!(${podSc('windowsOptions')} && has(variables.podSpec.securityContext.windowsOptions.hostProcess) && variables.podSpec.securityContext.windowsOptions.hostProcess) && variables.containers.all(c, !(${sc('c', 'windowsOptions')} && has(c.securityContext.windowsOptions.hostProcess) && c.securityContext.windowsOptions.hostProcess))`,
        message: 'hostProcess containers are forbidden',
      },
    ],
  },
  'pss-selinux-options': {
    validations: [
      {
        expression: `!(${podSc('seLinuxOptions')}) || (${seLinuxOk('variables.podSpec.securityContext.seLinuxOptions')})`,
        message: 'the pod sets forbidden seLinuxOptions',
      },
      {
        expression: `variables.containers.all(c, !(${sc('c', 'seLinuxOptions')}) || (${seLinuxOk('c.securityContext.seLinuxOptions')}))`,
        message: 'a container sets forbidden seLinuxOptions',
      },
    ],
  },
  'pss-proc-mount': {
    validations: [
      {
        expression: `variables.userNamespace || variables.containers.all(c, !(${sc('c', 'procMount')}) || c.securityContext.procMount == 'Default')`,
        message: 'procMount other than Default is forbidden',
      },
    ],
  },
  'pss-host-probes-and-host-lifecycle': {
    validations: [
      {
        expression: `variables.containers.all(c, (!has(c.livenessProbe) || (${handlerNoHost('c.livenessProbe')})) && (!has(c.readinessProbe) || (${handlerNoHost('c.readinessProbe')})) && (!has(c.startupProbe) || (${handlerNoHost('c.startupProbe')})) && (!has(c.lifecycle) || ((!has(c.lifecycle.postStart) || (${handlerNoHost('c.lifecycle.postStart')})) && (!has(c.lifecycle.preStop) || (${handlerNoHost('c.lifecycle.preStop')})))))`,
        message: 'probes and lifecycle handlers must not set a host',
      },
    ],
  },
  'pss-restricted-volumes': {
    validations: [
      {
        expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, v.all(k, k == 'name' || k in ${list(RESTRICTED_VOLUME_TYPES)}))`,
        message: 'only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes are allowed',
      },
    ],
  },
  'pss-allow-privilege-escalation': {
    validations: [
      {
        expression: `variables.isWindows || variables.containers.all(c, ${sc('c', 'allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false)`,
        message: 'containers must set securityContext.allowPrivilegeEscalation to false',
      },
    ],
  },
  'pss-run-as-user': {
    validations: [
      {
        expression: `variables.isWindows || variables.userNamespace || (!(${podSc('runAsUser')} && variables.podSpec.securityContext.runAsUser == 0) && variables.containers.all(c, !(${sc('c', 'runAsUser')} && c.securityContext.runAsUser == 0)))`,
        message: 'runAsUser must not be 0',
      },
    ],
  },
  'pss-capabilities-restricted': {
    validations: [
      {
        expression: `variables.isWindows || variables.containers.all(c, ${sc('c', 'capabilities')} && has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(cap, cap == 'NET_BIND_SERVICE')))`,
        message: "containers must drop ALL capabilities and may add only NET_BIND_SERVICE",
      },
    ],
  },
  'pss-seccomp-profile-restricted': {
    validations: [
      {
        expression: `variables.isWindows || (!(${podSc('seccompProfile')} && variables.podSpec.securityContext.seccompProfile.type == 'Unconfined') && variables.containers.all(c, ${sc('c', 'seccompProfile')} ? c.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'] : (${podSc('seccompProfile')} && variables.podSpec.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'])))`,
        message: 'seccompProfile.type must be RuntimeDefault or Localhost',
      },
    ],
  },
  'pss-run-as-non-root': {
    validations: [
      {
        expression: `variables.userNamespace || (!(${podSc('runAsNonRoot')} && variables.podSpec.securityContext.runAsNonRoot == false) && variables.containers.all(c, ${sc('c', 'runAsNonRoot')} ? c.securityContext.runAsNonRoot == true : (${podSc('runAsNonRoot')} && variables.podSpec.securityContext.runAsNonRoot == true)))`,
        message: 'runAsNonRoot must be true',
      },
    ],
  },
  'image-tag-mutable': {
    validations: [
      {
        expression:
          "variables.containers.all(c, !has(c.image) || c.image.contains('@') || (c.image.lastIndexOf(':') > c.image.lastIndexOf('/') && !c.image.endsWith(':latest')))",
        message: 'images must name a tag other than latest, or a digest',
      },
    ],
  },
};

/** Built-in rules that cannot be expressed in a ValidatingAdmissionPolicy, and why. */
export const NOT_EXPORTABLE_REASONS: Record<string, string> = {
  rbac: 'RBAC rules judge the whole graph of roles and bindings, which an admission policy on one object cannot see',
  node: 'node checks read files and flags on the node, not API objects',
  image: 'image rules need the image contents and a vulnerability database',
  cluster: 'cluster rules compare many objects (versions, NetworkPolicies per namespace)',
  cloud: 'cloud rules evaluate NetworkPolicies and identities across the cluster',
};
