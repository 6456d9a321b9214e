import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { workloadRules } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('workload rule metadata', () => {
  it('has unique kebab-case ids', () => {
    const ids = workloadRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it.each(workloadRules.map((r) => [r.id, r] as const))('%s documents itself', (_id, rule) => {
    expect(rule.area).toBe('workload');
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.description.length).toBeGreaterThan(100);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(rule.references?.length).toBeGreaterThan(0);
    expect(rule.references!.some((r) => r.includes('kubernetes.io/docs'))).toBe(true);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    // The example is YAML a person can paste.
    expect(rule.example).toBeTruthy();
    expect(() => load(rule.example!.replace(/^---$/gm, ''))).not.toThrow();
  });

  it('has one folder per rule with its tests beside it', () => {
    const folders = new Map([
      ['container-runtime-socket-mount', 'runtime-socket-mount'],
      ['container-env-credential', 'env-credential'],
      ['secret-in-manifest', 'secret-manifest'],
      ['run-as-root-id', 'run-as-root-id'],
      ['container-host-port', 'host-port'],
      ['service-account-token-automount', 'service-account-token-automount'],
      ['container-memory-limit', 'container-memory-limit'],
      ['image-tag-mutable', 'image-tag'],
      ['image-pull-policy-mutable-tag', 'image-pull-policy'],
      ['image-not-pinned-by-digest', 'image-digest'],
      ['container-read-only-root-filesystem', 'read-only-root-filesystem'],
      ['container-resource-requests', 'container-resource-requests'],
      ['container-cpu-limit', 'container-cpu-limit'],
      ['container-liveness-probe', 'container-liveness-probe'],
      ['container-readiness-probe', 'container-readiness-probe'],
      ['workload-default-namespace', 'default-namespace'],
    ]);
    expect([...folders.keys()].sort()).toEqual(workloadRules.map((r) => r.id).sort());
    for (const folder of folders.values()) {
      expect(existsSync(path.join(here, folder, 'rule.ts')), folder).toBe(true);
      expect(existsSync(path.join(here, folder, 'rule.test.ts')), folder).toBe(true);
    }
  });
});
