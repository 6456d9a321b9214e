import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalTree, sharedDir } from '../../testing/node-fixture.js';
import { main } from '../main.js';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => {
    lines.push(String(s));
    return true;
  });
  return lines;
}

describe('rampart node', () => {
  it('says so, with exit 2, when the root is not a Kubernetes node', async () => {
    const err = captureStderr();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-notnode-'));
    expect(await main(['node', 'rampart', 'node', '--root', empty])).toBe(2);
    expect(err.join('')).toMatch(/is not a Kubernetes node: found neither Canonical Kubernetes/);
  });

  it.skipIf(!sharedDir())('writes the JSON report of a snap node and exits 1 on failures', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-out-')), 'node.json');
    const code = await main(['node', 'rampart', 'node', '--root', canonicalTree('node-default'), '--benchmark', 'cis-ck8s', '--format', 'json', '-o', out, '--no-config']);
    expect(code).toBe(1);
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(report.target.kind).toBe('node');
    expect(report.settings.benchmark).toBe('cis-ck8s');
    expect(report.context).toMatchObject({ distribution: 'canonical-k8s', role: 'control-plane', datastore: 'etcd' });
    expect(report.findings.some((f: any) => f.properties?.checkId === '1.2.29' && f.status === 'fail')).toBe(true);
  });

  it.skipIf(!sharedDir())('exits 0 on the STIG node under the STIG with --fail-on high', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-out-')), 'node.json');
    const code = await main(['node', 'rampart', 'node', '--root', canonicalTree('node-disa-stig'), '--benchmark', 'stig', '-o', out, '--fail-on', 'high', '--no-config']);
    expect(code).toBe(0);
  });
});
