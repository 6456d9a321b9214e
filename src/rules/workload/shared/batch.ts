import type { Resource } from '../../../core/types.js';
import { isObject } from '../../../core/workload.js';

/**
 * True for run-to-completion workloads: Jobs, CronJobs and Pods a Job owns. Their pods are not
 * Service backends, so readiness means nothing to them.
 */
export function isBatchWorkload(resource: Resource): boolean {
  if (resource.kind === 'Job' || resource.kind === 'CronJob') return true;
  if (resource.kind !== 'Pod') return false;
  const owners = resource.object.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some((o) => isObject(o) && o.kind === 'Job');
}
