import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

describe.skipIf(!sharedDir())('node-manual-checks', () => {
  it('lists what a person must check with the facts that help', async () => {
    const findings = await runNodeRules(canonicalTree('node-default'), [rule]);
    expect(findings.map((f) => `${f.properties!.checkId}:${f.status}`).sort()).toEqual(['1.2.12:manual', '1.2.22:manual', '3.1.1:manual']);
    expect(findings.find((f) => f.properties!.checkId === '1.2.22')!.evidence).toMatchObject({ flag: '--request-timeout', actual: '300s', line: 19 });
  });

  it('is not applicable on a worker', async () => {
    const findings = await runNodeRules(canonicalTree('node-default-worker'), [rule]);
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['not-applicable']));
  });
});
