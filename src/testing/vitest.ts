import { describe, expect, it } from 'vitest';
import type { Rule } from '../core/rule.js';
import { verifyRuleCases, type RuleCases } from './rule-tester.js';

/** Declares one vitest test per rule that checks all its cases, reporting every failing case at once. */
export const ruleTester = {
  run(rule: Rule, cases: RuleCases): void {
    describe(`rule ${rule.id}`, () => {
      it(`behaves as its ${cases.valid.length} valid and ${cases.invalid.length} invalid cases say`, () => {
        const failures = verifyRuleCases(rule, cases).map((f) => `${f.name}: ${f.problem}`);
        expect(failures).toEqual([]);
      });
    });
  },
};

/** A Pod with the given spec, for compact test cases. */
export function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test', namespace: 'app', ...metadata }, spec };
}

/** A Deployment whose pod template has the given spec. */
export function deployment(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'test', namespace: 'app', ...metadata },
    spec: { selector: { matchLabels: { app: 'test' } }, template: { metadata: { labels: { app: 'test' } }, spec } },
  };
}
