import type { Rule } from '../../core/rule.js';
import anonymousGrant from './anonymous-grant/rule.js';
import clusterAdminBinding from './cluster-admin-binding/rule.js';
import csrApprove from './csr-approve/rule.js';
import danglingBinding from './dangling-binding/rule.js';
import defaultSaBound from './default-sa-bound/rule.js';
import escalationPath from './escalation-path/rule.js';
import escalationVerbs from './escalation-verbs/rule.js';
import nodesProxy from './nodes-proxy/rule.js';
import podExec from './pod-exec/rule.js';
import privilegedWorkloadPermissions from './privileged-workload-permissions/rule.js';
import pvCreate from './pv-create/rule.js';
import secretsRead from './secrets-read/rule.js';
import tokenCreate from './token-create/rule.js';
import unusedRole from './unused-role/rule.js';
import webhookWrite from './webhook-write/rule.js';
import wildcardRule from './wildcard-rule/rule.js';
import workloadCreate from './workload-create/rule.js';

/** Rules of the rbac area, in the order they are listed. */
export const rbacRules: Rule[] = [
  escalationPath,
  privilegedWorkloadPermissions,
  clusterAdminBinding,
  anonymousGrant,
  escalationVerbs,
  tokenCreate,
  nodesProxy,
  csrApprove,
  webhookWrite,
  secretsRead,
  podExec,
  workloadCreate,
  pvCreate,
  wildcardRule,
  defaultSaBound,
  danglingBinding,
  unusedRole,
];
