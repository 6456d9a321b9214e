import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

describe.skipIf(!sharedDir())('node-fips-mode', () => {
  it('passes a FIPS host, and leaves an unknown kernel state to a person', async () => {
    expect((await runNodeRules(canonicalTree('node-disa-stig'), [rule], { benchmark: 'stig' }))[0]).toMatchObject({ status: 'pass', evidence: { actual: '1' } });
    expect((await runNodeRules(canonicalTree('node-default'), [rule]))[0]!.status).toBe('manual');
  });

  it('warns when the kernel is in FIPS mode but core22 does not track fips-updates', async () => {
    const root = canonicalTree('node-disa-stig');
    fs.mkdirSync(path.join(root, 'var/lib/rampart'), { recursive: true });
    fs.writeFileSync(path.join(root, 'var/lib/rampart/snap-list.txt'), 'Name    Version  Rev    Tracking       Publisher   Notes\ncore22  20250923 2139   latest/stable  canonical✓  base\nk8s     v1.36.3  4521   1.36-classic/stable canonical✓ classic\n');
    const [f] = await runNodeRules(root, [rule], { benchmark: 'stig' });
    expect(f).toMatchObject({ status: 'warn', evidence: { core22Tracking: 'latest/stable' }, remediation: 'sudo snap refresh core22 --channel=fips-updates/stable' });
  });
});
