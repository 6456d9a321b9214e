import { describe, expect, it } from 'vitest';
import { runCase } from '../../testing/rule-tester.js';
import { deployment } from '../../testing/vitest.js';
import { pssRules } from './index.js';
import hostPorts from './host-ports/rule.js';
import runAsNonRoot from './run-as-non-root/rule.js';
import { namespace, restrictedPod } from './test-helpers.js';

describe('PSS rules', () => {
  it('are one per upstream check, with unique ids and pss metadata', () => {
    expect(pssRules).toHaveLength(19);
    expect(new Set(pssRules.map((r) => r.id)).size).toBe(19);
    expect(new Set(pssRules.map((r) => r.pss?.check)).size).toBe(19);
    for (const r of pssRules) {
      expect(r.id).toMatch(/^pss-[a-z-]+$/);
      expect(r.target).toBe('workload');
      expect(r.severity).toBe(r.pss?.level === 'baseline' ? (['privileged', 'windowsHostProcess'].includes(r.pss.check) ? 'critical' : 'high') : 'medium');
      expect(r.example).toBeTruthy();
    }
  });

  it('puts the upstream reason and detail, the field and its value in the evidence', () => {
    const [f] = runCase(hostPorts, { input: restrictedPod({ containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80, hostPort: 80 }] }] }) });
    expect(f?.evidence).toEqual({
      forbiddenReason: 'hostPort',
      forbiddenDetail: 'container "app" uses hostPort 80',
      policy: 'restricted:latest',
      field: 'spec.containers[0].ports[0].hostPort',
      value: 80,
    });
    expect(f?.properties).toEqual({ pss: { level: 'baseline', check: 'hostPorts', version: 'latest', mode: 'enforce', modes: ['enforce'] } });
  });

  it('records unreadable namespace labels and applies the fallback', () => {
    const findings = runCase(runAsNonRoot, {
      input: deployment({ containers: [{ name: 'a', image: 'a:1' }] }),
      with: [namespace({ enforce: 'baseline', 'enforce-version': 'v1.x', warn: 'Restricted' })],
    });
    // warn: Restricted is unreadable, so warn is off (fail open); baseline has no runAsNonRoot check.
    expect(findings).toEqual([]);
    const denied = runCase(runAsNonRoot, {
      input: deployment({ containers: [{ name: 'a', image: 'a:1' }] }),
      with: [namespace({ enforce: 'strict' })],
      settings: { pssLevel: 'privileged' },
    });
    expect(denied).toHaveLength(1);
    expect(denied[0]?.status).toBe('fail');
    expect(denied[0]?.evidence?.labelErrors).toEqual([
      { label: 'pod-security.kubernetes.io/enforce', value: 'strict', message: 'invalid Pod Security level "strict": must be one of privileged, baseline, restricted' },
    ]);
  });
});
