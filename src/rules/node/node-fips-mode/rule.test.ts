import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

describe.skipIf(!sharedDir())('node-fips-mode', () => {
  it('passes a FIPS host, and leaves an unknown kernel state to a person', async () => {
    expect((await runNodeRules(canonicalTree('node-disa-stig'), [rule], { benchmark: 'stig' }))[0]).toMatchObject({ status: 'pass', evidence: { actual: '1' } });
    expect((await runNodeRules(canonicalTree('node-default'), [rule]))[0]!.status).toBe('manual');
  });
});
