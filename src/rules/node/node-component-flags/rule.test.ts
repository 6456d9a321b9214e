import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule, { evaluateTest } from './rule.js';

describe('evaluateTest', () => {
  const set = (value: string) => ({ value, source: 'args-file' as const });
  const def = (value: string) => ({ value, source: 'default' as const });
  it('compares booleans in any spelling and uses defaults for eq', () => {
    expect(evaluateTest({ flag: '--profiling', op: 'eq', value: 'false' }, set('0')).pass).toBe(true);
    expect(evaluateTest({ flag: '--profiling', op: 'eq', value: 'false' }, def('true'))).toMatchObject({ pass: false, why: '--profiling is "true" (Kubernetes default), expected "false"' });
  });
  it('treats a default as not set for set/unset, and passWhenUnset lets unset pass', () => {
    expect(evaluateTest({ flag: '--terminated-pod-gc-threshold', op: 'set' }, def('12500')).pass).toBe(false);
    expect(evaluateTest({ flag: '--token-auth-file', op: 'unset' }, undefined).pass).toBe(true);
    expect(evaluateTest({ flag: '--enable-admission-plugins', op: 'nothave', value: 'AlwaysAdmit', passWhenUnset: true }, undefined).pass).toBe(true);
    expect(evaluateTest({ flag: '--enable-admission-plugins', op: 'nothave', value: 'AlwaysAdmit' }, set('NodeRestriction,AlwaysAdmit')).pass).toBe(false);
  });
  it('judges lists, numbers and durations', () => {
    expect(evaluateTest({ flag: '--tls-cipher-suites', op: 'subset', value: 'A,B' }, set('A,C'))).toMatchObject({ pass: false, why: '--tls-cipher-suites includes weak suites: C' });
    expect(evaluateTest({ flag: '--audit-log-maxage', op: 'gte', value: '30' }, set('7')).pass).toBe(false);
    expect(evaluateTest({ flag: '--streaming-connection-idle-timeout', op: 'duration-nonzero' }, set('0s')).pass).toBe(false);
    expect(evaluateTest({ flag: '--streaming-connection-idle-timeout', op: 'duration-lte', value: '5m' }, set('4h0m0s')).pass).toBe(false);
    expect(evaluateTest({ flag: '--streaming-connection-idle-timeout', op: 'duration-lte', value: '5m' }, set('300s')).pass).toBe(true);
    expect(evaluateTest({ flag: '--feature-gates', op: 'has', value: 'AllAlpha=false' }, set('WatchList=false,AllAlpha=false')).pass).toBe(true);
  });
});

describe.skipIf(!sharedDir())('node-component-flags on a changed snap node', () => {
  it('takes the last of a flag written twice and shows both lines', async () => {
    const root = canonicalTree('node-default');
    fs.appendFileSync(path.join(root, 'var/snap/k8s/common/args/kube-apiserver'), '--profiling=true\n');
    const f = (await runNodeRules(root, [rule])).find((x) => x.properties?.checkId === '1.2.17')!;
    expect(f.status).toBe('fail');
    expect(f.location.line).toBe(34);
    expect(f.evidence!.occurrences).toEqual([
      { value: 'false', line: 16 },
      { value: 'true', line: 34 },
    ]);
  });

  it('reports an unreadable args file as an error, not a pass', async () => {
    const root = canonicalTree('node-default');
    const file = path.join(root, 'var/snap/k8s/common/args/kube-scheduler');
    fs.rmSync(file);
    fs.mkdirSync(file);
    const findings = (await runNodeRules(root, [rule])).filter((x) => x.evidence?.component === 'kube-scheduler');
    expect(findings.map((x) => x.status)).toEqual(['error', 'error']);
    expect(findings[0]!.message).toContain('is a directory');
  });
});
