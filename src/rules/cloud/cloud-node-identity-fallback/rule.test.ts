import { ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, livePod, node } from '../../cluster/shared/test-objects.js';
import rule from './rule.js';

const c = [{ name: 'a', image: 'a:1' }];
const sa = (name: string, annotations: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'app', annotations } });
const eks = node('n1', 'v1.31.4', { providerID: 'aws:///eu-west-1a/i-0123456789abcdef0', labels: { 'eks.amazonaws.com/nodegroup': 'ng' } });
const gke = (labels: Record<string, string> = {}) => node('n1', 'v1.31.4', { providerID: 'gce://proj/europe-west1-b/n1', labels: { 'cloud.google.com/gke-nodepool': 'p', ...labels } });
const aks = node('n1', 'v1.31.4', { providerID: 'azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss/virtualMachines/0', labels: { 'kubernetes.azure.com/cluster': 'rg' } });

ruleTester.run(rule, {
  valid: [
    { input: livePod('api', 'app', { serviceAccountName: 'api', containers: c }), with: [clusterInfo(), eks, sa('api', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/api' })] },
    { input: livePod('api', 'app', { containers: [{ name: 'a', image: 'a:1', env: [{ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' }] }] }), with: [clusterInfo(), eks] },
    { input: livePod('api', 'app', { serviceAccountName: 'api', containers: c }), with: [clusterInfo(), gke(), sa('api', { 'iam.gke.io/gcp-service-account': 'api@p.iam.gserviceaccount.com' })] },
    { input: livePod('api', 'app', { containers: c }), with: [clusterInfo(), gke({ 'iam.gke.io/gke-metadata-server-enabled': 'true' })] },
    { input: livePod('api', 'app', { serviceAccountName: 'api', containers: c }, { app: 'api', 'azure.workload.identity/use': 'true' }), with: [clusterInfo(), aks, sa('api', { 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000000' })] },
    // Not a cloud the rule knows: nothing to fall back to.
    { input: livePod('api', 'app', { containers: c }), with: [clusterInfo(), node('n1', 'v1.31.4', { providerID: 'kind://docker/kind/kind-control-plane' })] },
  ],
  invalid: [
    { input: livePod('api', 'app', { containers: c }), with: [clusterInfo(), eks, sa('default')], errors: [{ messageId: 'fallback', path: 'spec.serviceAccountName', message: 'the eks node\'s identity' }] },
    // The Azure client-id alone is not enough: the pod must opt in with the label.
    { input: livePod('api', 'app', { serviceAccountName: 'api', containers: c }), with: [clusterInfo(), aks, sa('api', { 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000000' })], errors: [{ messageId: 'fallback', message: 'aks' }] },
    { input: livePod('api', 'app', { containers: c }), with: [clusterInfo(), gke()], errors: [{ messageId: 'fallback' }] },
  ],
});
