import type { Rule } from '../../core/rule.js';
import containerCpuLimit from './container-cpu-limit/rule.js';
import containerLivenessProbe from './container-liveness-probe/rule.js';
import containerMemoryLimit from './container-memory-limit/rule.js';
import containerReadinessProbe from './container-readiness-probe/rule.js';
import containerResourceRequests from './container-resource-requests/rule.js';
import defaultNamespace from './default-namespace/rule.js';
import envCredential from './env-credential/rule.js';
import hostPort from './host-port/rule.js';
import imageDigest from './image-digest/rule.js';
import imagePullPolicy from './image-pull-policy/rule.js';
import imageTag from './image-tag/rule.js';
import readOnlyRootFilesystem from './read-only-root-filesystem/rule.js';
import runAsRootId from './run-as-root-id/rule.js';
import runtimeSocketMount from './runtime-socket-mount/rule.js';
import secretManifest from './secret-manifest/rule.js';
import serviceAccountTokenAutomount from './service-account-token-automount/rule.js';

/** Rules of the workload area, in the order they are listed (most severe concerns first). */
export const workloadRules: Rule[] = [
  runtimeSocketMount,
  envCredential,
  secretManifest,
  runAsRootId,
  hostPort,
  serviceAccountTokenAutomount,
  containerMemoryLimit,
  imageTag,
  imagePullPolicy,
  imageDigest,
  readOnlyRootFilesystem,
  containerResourceRequests,
  containerCpuLimit,
  containerLivenessProbe,
  containerReadinessProbe,
  defaultNamespace,
];
