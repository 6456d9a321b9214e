import type { Rule } from '../../core/rule.js';
import nodeAuditLogging from './node-audit-logging/rule.js';
import nodeCertificates from './node-certificates/rule.js';
import nodeComponentFlags from './node-component-flags/rule.js';
import nodeEncryptionAtRest from './node-encryption-at-rest/rule.js';
import nodeFilePermissions from './node-file-permissions/rule.js';
import nodeFipsMode from './node-fips-mode/rule.js';
import nodeKubernetesVersionCves from './node-kubernetes-version-cves/rule.js';
import nodeManualChecks from './node-manual-checks/rule.js';
import nodeSshService from './node-ssh-service/rule.js';

/** Rules of the node area, in the order they are listed. They look only at NodeConfig resources. */
export const nodeRules: Rule[] = [
  nodeFilePermissions,
  nodeComponentFlags,
  nodeEncryptionAtRest,
  nodeAuditLogging,
  nodeManualChecks,
  nodeCertificates,
  nodeKubernetesVersionCves,
  nodeFipsMode,
  nodeSshService,
];
