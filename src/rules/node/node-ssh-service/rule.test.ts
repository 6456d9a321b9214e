import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

describe.skipIf(!sharedDir())('node-ssh-service', () => {
  it('fails a worker with ssh enabled, and cannot tell from a tree without systemd links', async () => {
    const worker = canonicalTree('node-default-worker');
    const unknown = await runNodeRules(worker, [rule], { benchmark: 'stig' });
    expect(unknown.map((f) => f.status)).toEqual(['manual', 'manual']);
    const wants = path.join(worker, 'etc/systemd/system/multi-user.target.wants');
    fs.mkdirSync(wants, { recursive: true });
    fs.symlinkSync('/lib/systemd/system/ssh.service', path.join(wants, 'ssh.service'));
    const enabled = (await runNodeRules(worker, [rule], { benchmark: 'stig' })).find((f) => f.messageId === 'ssh-enabled')!;
    expect(enabled).toMatchObject({ status: 'fail', properties: { checkId: 'V-242394' }, message: expect.stringContaining('multi-user.target.wants/ssh.service') });
    fs.rmSync(path.join(wants, 'ssh.service'));
    expect((await runNodeRules(worker, [rule], { benchmark: 'stig' })).find((f) => f.messageId === 'ssh-enabled')!.status).toBe('pass');
  });

  it('is not applicable on a control-plane node and silent outside the STIG', async () => {
    expect((await runNodeRules(canonicalTree('node-default'), [rule], { benchmark: 'stig' })).map((f) => f.status)).toEqual(['not-applicable', 'not-applicable']);
    expect(await runNodeRules(canonicalTree('node-default-worker'), [rule])).toEqual([]);
  });
});
