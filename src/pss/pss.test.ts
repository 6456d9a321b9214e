import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { evaluate } from '../core/engine.js';
import { pssRules } from '../rules/pss/index.js';
import {
  CHECK_IDS,
  CHECKS,
  checkInForce,
  checksFor,
  defaultPolicy,
  evaluatePod,
  evaluatePolicy,
  formatViolations,
  LATEST_MINOR,
  parseLevel,
  parseVersion,
  resolvePolicy,
  type PssLevel,
} from './index.js';

describe('parseVersion / parseLevel', () => {
  it('reads latest and v1.N as the plugin does', () => {
    expect(parseVersion('latest')).toEqual({ minor: LATEST_MINOR, latest: true });
    expect(parseVersion('v1.0')).toEqual({ minor: 0, latest: false });
    expect(parseVersion('v1.29')).toEqual({ minor: 29, latest: false });
    expect(parseVersion('v1.99')).toEqual({ minor: 99, latest: false });
  });

  it('rejects everything else with a clear message', () => {
    for (const bad of ['', 'v1', '1.29', 'v1.029', 'v2.0', 'v1.x', 'Latest', ' v1.2']) {
      expect(() => parseVersion(bad), bad).toThrow(/must be "latest" or "v1.x"/);
    }
    expect(() => parseLevel('strict')).toThrow(/must be one of privileged, baseline, restricted/);
    expect(parseLevel('baseline')).toBe('baseline');
  });
});

describe('registry', () => {
  it('has every upstream check once, with revisions in increasing order', () => {
    expect(CHECKS.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of CHECKS) {
      const since = c.versions.map((v) => v.since);
      expect([...since].sort((a, b) => a - b), c.id).toEqual(since);
      expect(Math.max(...since)).toBeLessThanOrEqual(LATEST_MINOR);
    }
  });

  it('applies checks from their first version and lets restricted ones override baseline ones', () => {
    const ids = (level: PssLevel, v: string) => checksFor(level, v).map((c) => c.check.id);
    expect(ids('privileged', 'latest')).toEqual([]);
    expect(ids('baseline', 'v1.33')).not.toContain('hostProbesAndHostLifecycle');
    expect(ids('baseline', 'v1.34')).toContain('hostProbesAndHostLifecycle');
    expect(ids('restricted', 'v1.0')).toEqual(expect.arrayContaining(['capabilities_baseline', 'seccompProfile_baseline', 'runAsNonRoot']));
    expect(ids('restricted', 'v1.0')).not.toContain('hostPathVolumes');
    expect(ids('restricted', 'v1.0')).not.toContain('allowPrivilegeEscalation');
    expect(ids('restricted', 'v1.22')).not.toContain('capabilities_baseline');
    expect(checkInForce('procMount', 'restricted', 'v1.35')).toBe('procMount_restricted');
    expect(checkInForce('procMount', 'restricted', 'v1.34')).toBe('procMount');
    expect(checkInForce('runAsUser', 'restricted', 'v1.22')).toBeUndefined();
    // Versions above the newest clamp to it, as upstream does.
    expect(ids('restricted', 'v1.80')).toEqual(ids('restricted', 'latest'));
  });
});

describe('evaluatePod', () => {
  const spec = { hostNetwork: true, containers: [{ name: 'a', image: 'a', securityContext: { privileged: true } }] };

  it('reports reason, detail and paths like the plugin', () => {
    const results = evaluatePod({}, spec, 'baseline', 'latest');
    expect(results.every((r) => r.level === 'baseline')).toBe(true);
    expect(formatViolations(results)).toBe('host namespaces (hostNetwork=true), privileged (container "a" must not set securityContext.privileged=true)');
    expect(results.find((r) => r.check === 'privileged')?.paths).toEqual([['spec', 'containers', 0, 'securityContext', 'privileged']]);
    expect(results.find((r) => r.check === 'sysctls')).toEqual({ check: 'sysctls', level: 'baseline', allowed: true, paths: [] });
  });

  it('caches per spec, metadata, level and version', () => {
    const meta = {};
    const first = evaluatePod(meta, spec, 'baseline', 'latest');
    expect(evaluatePod(meta, spec, 'baseline', 'v1.37')).toBe(first);
    expect(evaluatePod(meta, spec, 'restricted', 'latest')).not.toBe(first);
    expect(evaluatePod({}, spec, 'baseline', 'latest')).not.toBe(first);
  });

  it('survives malformed pods without throwing', () => {
    for (const bad of [null, 'x', [], { containers: 'x' }, { containers: [null, 5, { securityContext: 'x' }] }, { volumes: [{}], securityContext: { sysctls: [null] } }]) {
      expect(() => evaluatePod(undefined, bad, 'restricted', 'latest')).not.toThrow();
    }
    expect(() => evaluatePod({}, {}, 'restricted', 'v2')).toThrow(/must be "latest" or "v1.x"/);
  });
});

describe('namespace labels', () => {
  const defaults = defaultPolicy('restricted', 'latest');

  it('keeps the defaults where a label is absent', () => {
    const { policy, errors } = resolvePolicy({ 'pod-security.kubernetes.io/warn': 'baseline' }, defaults);
    expect(errors).toEqual([]);
    expect(policy.enforce).toEqual(defaults.enforce);
    expect(policy.warn.level).toBe('baseline');
  });

  it('fails closed for enforce and open for warn and audit on unreadable values', () => {
    const { policy, errors } = resolvePolicy(
      {
        'pod-security.kubernetes.io/enforce': 'Baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.2.3',
        'pod-security.kubernetes.io/warn': 'nope',
        'pod-security.kubernetes.io/audit': '',
      },
      defaultPolicy('privileged', 'v1.20'),
    );
    expect(policy.enforce).toEqual({ level: 'restricted', version: { minor: LATEST_MINOR, latest: true } });
    expect(policy.warn.level).toBe('privileged');
    expect(policy.audit.level).toBe('privileged');
    expect(errors.map((e) => e.label)).toEqual([
      'pod-security.kubernetes.io/enforce',
      'pod-security.kubernetes.io/enforce-version',
      'pod-security.kubernetes.io/audit',
      'pod-security.kubernetes.io/warn',
    ]);
  });

  it('reports a check once, enforce before warn before audit', () => {
    const spec = { hostPID: true, containers: [{ name: 'a', image: 'a' }] };
    const { policy } = resolvePolicy(
      { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' },
      defaults,
    );
    const found = evaluatePolicy({}, spec, policy);
    expect(found.find((v) => v.result.check === 'hostNamespaces')).toMatchObject({ mode: 'enforce', modes: ['enforce', 'warn', 'audit'], policy: 'baseline:latest' });
    expect(found.find((v) => v.result.check === 'runAsNonRoot')).toMatchObject({ mode: 'warn', modes: ['warn', 'audit'], policy: 'restricted:latest' });
  });

  it('reports baseline failures that a restricted check overrides', () => {
    const spec = { volumes: [{ name: 'h', hostPath: { path: '/' } }], containers: [{ name: 'a', image: 'a' }] };
    const checks = evaluatePolicy({}, spec, defaults).map((v) => `${v.result.level}/${v.result.check}`);
    expect(checks).toEqual(expect.arrayContaining(['restricted/restrictedVolumes', 'baseline/hostPathVolumes']));
  });
});

// Own fixtures: each file says, in `# expect:` lines, how it must fare at a level and version.
const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('own fixtures (src/pss/fixtures)', () => {
  const files = readdirSync(fixturesDir).filter((f) => f.endsWith('.yaml'));
  it('has a dozen or more', () => expect(files.length).toBeGreaterThanOrEqual(12));
  for (const file of files) {
    const text = readFileSync(path.join(fixturesDir, file), 'utf8');
    const expectations = [...text.matchAll(/^# expect: (\w+) (\S+) (pass|fail)((?: \w+)*)$/gm)];
    it(`${file} (${expectations.length} expectations)`, () => {
      expect(expectations.length).toBeGreaterThan(0);
      const pod = load(text) as { metadata?: unknown; spec?: unknown };
      for (const [, level, version, outcome, checks] of expectations) {
        const failed = evaluatePod(pod.metadata, pod.spec, level!, version!)
          .filter((r) => !r.allowed)
          .map((r) => r.check)
          .sort();
        const expected = outcome === 'pass' ? [] : checks!.trim().split(' ').sort();
        expect(failed, `${level} ${version}`).toEqual(expected);

        // The same answer through the parser, the rules and the engine.
        const inventory = emptyInventory();
        addSource(inventory, { name: file, text, origin: 'file' });
        const result = evaluate(inventory, pssRules, { settings: { pssLevel: level as PssLevel, pssVersion: version! } });
        const viaRules = new Set(result.findings.filter((f) => f.status === 'fail').map((f) => (f.properties?.pss as { check: string }).check));
        for (const c of expected) expect(viaRules.has(c), `${level} ${version} ${c} via rules`).toBe(true);
        expect(viaRules.size === 0, `${level} ${version} via rules`).toBe(expected.length === 0);
      }
    });
  }
});
