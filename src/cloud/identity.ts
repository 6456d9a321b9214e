import type { KubeObject } from '../core/types.js';

export type IdentityMechanism = 'eks-irsa' | 'eks-pod-identity' | 'gke-workload-identity' | 'azure-workload-identity';

export interface WorkloadIdentity {
  mechanism: IdentityMechanism;
  /** Where it is configured, e.g. `ServiceAccount app/api annotation eks.amazonaws.com/role-arn`. */
  evidence: string;
}

function envNames(pod: KubeObject): Set<string> {
  const names = new Set<string>();
  for (const field of ['initContainers', 'containers']) {
    for (const c of Array.isArray(pod.spec?.[field]) ? pod.spec[field] : []) {
      for (const e of Array.isArray(c?.env) ? c.env : []) if (typeof e?.name === 'string') names.add(e.name);
    }
  }
  return names;
}

/**
 * The workload identity a pod uses, if any: IRSA (`eks.amazonaws.com/role-arn` on the
 * ServiceAccount, or the env the IRSA webhook injects), EKS Pod Identity (the env its webhook
 * injects), GKE (`iam.gke.io/gcp-service-account` on the ServiceAccount), Azure
 * (`azure.workload.identity/client-id` on the ServiceAccount and the pod label
 * `azure.workload.identity/use: "true"`, both required).
 */
export function workloadIdentityOf(pod: KubeObject, serviceAccount: KubeObject | undefined): WorkloadIdentity | undefined {
  const saName = `${serviceAccount?.metadata?.namespace ?? ''}/${serviceAccount?.metadata?.name ?? ''}`;
  const saAnn: Record<string, string> = serviceAccount?.metadata?.annotations ?? {};
  const env = envNames(pod);
  if (saAnn['eks.amazonaws.com/role-arn']) return { mechanism: 'eks-irsa', evidence: `ServiceAccount ${saName} annotation eks.amazonaws.com/role-arn` };
  if (env.has('AWS_ROLE_ARN') && env.has('AWS_WEB_IDENTITY_TOKEN_FILE')) return { mechanism: 'eks-irsa', evidence: 'env AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE' };
  if (env.has('AWS_CONTAINER_CREDENTIALS_FULL_URI')) return { mechanism: 'eks-pod-identity', evidence: 'env AWS_CONTAINER_CREDENTIALS_FULL_URI (EKS Pod Identity)' };
  if (saAnn['iam.gke.io/gcp-service-account']) return { mechanism: 'gke-workload-identity', evidence: `ServiceAccount ${saName} annotation iam.gke.io/gcp-service-account` };
  const podLabels: Record<string, string> = pod.metadata?.labels ?? {};
  if (saAnn['azure.workload.identity/client-id'] && String(podLabels['azure.workload.identity/use']) === 'true') {
    return { mechanism: 'azure-workload-identity', evidence: `ServiceAccount ${saName} annotation azure.workload.identity/client-id and pod label azure.workload.identity/use` };
  }
  return undefined;
}

/** On GKE nodes with the GKE metadata server, pods never see the node's identity. */
export function nodeHidesIdentity(node: KubeObject | undefined): boolean {
  return node?.metadata?.labels?.['iam.gke.io/gke-metadata-server-enabled'] === 'true';
}
