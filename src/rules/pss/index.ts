import type { Rule } from '../../core/rule.js';
import hostNamespaces from './host-namespaces/rule.js';
import privileged from './privileged/rule.js';
import capabilitiesBaseline from './capabilities-baseline/rule.js';
import hostPathVolumes from './host-path-volumes/rule.js';
import hostPorts from './host-ports/rule.js';
import apparmorProfile from './apparmor-profile/rule.js';
import selinuxOptions from './selinux-options/rule.js';
import procMount from './proc-mount/rule.js';
import seccompProfileBaseline from './seccomp-profile-baseline/rule.js';
import sysctls from './sysctls/rule.js';
import windowsHostProcess from './windows-host-process/rule.js';
import hostProbesAndHostLifecycle from './host-probes-and-host-lifecycle/rule.js';
import restrictedVolumes from './restricted-volumes/rule.js';
import allowPrivilegeEscalation from './allow-privilege-escalation/rule.js';
import runAsNonRoot from './run-as-non-root/rule.js';
import runAsUser from './run-as-user/rule.js';
import seccompProfileRestricted from './seccomp-profile-restricted/rule.js';
import capabilitiesRestricted from './capabilities-restricted/rule.js';
import procMountRestricted from './proc-mount-restricted/rule.js';

/** Rules of the pss area, one per upstream pod-security-admission check, in registry order. */
export const pssRules: Rule[] = [
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  apparmorProfile,
  selinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  hostProbesAndHostLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];
