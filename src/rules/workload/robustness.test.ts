import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../../collectors/manifests/collect.js';
import { evaluate } from '../../core/engine.js';
import { workloadRules } from './index.js';

// Malformed objects that the API server would reject but that manifests in the wild contain:
// every rule must judge what it can and never throw (a throw becomes an `error` finding).
const malformed = `
apiVersion: v1
kind: Pod
metadata: {name: odd, namespace: default}
spec:
  securityContext: "not a map"
  automountServiceAccountToken: "false"
  serviceAccountName: 42
  volumes: [null, 7, {name: v}, {name: s, hostPath: "oops"}, {name: r, hostPath: {path: 5}}]
  containers:
    - null
    - name: a
      image: 12
      env: "FOO=bar"
      ports: [null, {hostPort: "8080"}]
      securityContext: []
      resources: {limits: [], requests: "1"}
      volumeMounts: [null, {name: v, subPath: 3}]
    - name: b
      env: [null, {name: 5, value: 6}, {value: "AKIA"}, {name: X_TOKEN}]
      securityContext: {runAsUser: "0", readOnlyRootFilesystem: "true"}
  initContainers: {}
---
apiVersion: v1
kind: Secret
metadata: {name: s}
data: "abc"
stringData: [1, 2]
---
apiVersion: v1
kind: LimitRange
metadata: {name: l, namespace: default}
spec: {limits: [null, {type: Container, default: "1Gi"}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: default}
automountServiceAccountToken: "no"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: no-template}
spec: {template: "none"}
`;

describe('workload rules on malformed input', () => {
  it('never throw, and still judge the fields they can read', () => {
    const inventory = emptyInventory();
    addSource(inventory, { name: 'odd.yaml', text: malformed, origin: 'file' });
    const result = evaluate(inventory, workloadRules, { settings: { now: new Date('2026-01-01') } });
    expect(result.findings.filter((f) => f.status === 'error').map((f) => f.message)).toEqual([]);
    const ids = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['container-host-port', 'container-memory-limit', 'workload-default-namespace', 'service-account-token-automount']) expect(ids).toContain(id);
  });
});
