import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecording, serveRecording, type ReplayServer } from '../../collectors/cluster/recorder.js';
import type { Report } from '../../reporters/report.js';
import { main } from '../main.js';

/** `rampart cluster`, `rampart snapshot` and `rampart scan <snapshot>` end to end, through the CLI entry point. */
const FIXTURE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../collectors/cluster/fixtures/eks-recording.json');
let openssl = true;
try {
  execFileSync('openssl', ['version'], { stdio: 'ignore' });
} catch {
  openssl = false;
  console.warn('skipping the cluster CLI tests: the openssl command is needed to make a test certificate');
}

describe.skipIf(!openssl)('rampart cluster / snapshot / scan snapshot', () => {
  let dir: string;
  let server: ReplayServer;
  let kubeconfig: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-cluster-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    server = await serveRecording(await loadRecording(FIXTURE), { cert, key: readFileSync(path.join(dir, 'key.pem'), 'utf8') }, 'cli-token');
    kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: "${server.url}", certificate-authority-data: ${Buffer.from(cert).toString('base64')}}\ncontexts:\n- name: prod\n  context: {cluster: prod, user: u}\ncurrent-context: prod\nusers:\n- name: u\n  user: {token: cli-token}\n`,
    );
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each run as in a fresh process: the exit code of the previous one must not carry over.
  const run = (...args: string[]) => {
    process.exitCode = undefined;
    return main(['node', 'rampart', ...args]);
  };

  it('scans the cluster, writes a snapshot, and scans the snapshot offline to the same findings', async () => {
    const live = path.join(dir, 'live.json');
    expect(await run('cluster', '--kubeconfig', kubeconfig, '--no-config', '-f', 'json', '-o', live)).toBe(1);
    const snap = path.join(dir, 'prod.json.gz');
    expect(await run('snapshot', '--kubeconfig', kubeconfig, '-o', snap)).toBe(0);
    const offline = path.join(dir, 'offline.json');
    expect(await run('scan', snap, '--no-config', '-f', 'json', '-o', offline)).toBe(1);
    const a = JSON.parse(readFileSync(live, 'utf8')) as Report;
    const b = JSON.parse(readFileSync(offline, 'utf8')) as Report;
    expect(a.target).toEqual({ kind: 'cluster', inputs: ['prod'] });
    expect(b.target).toEqual({ kind: 'snapshot', inputs: [snap] });
    expect(a.context).toMatchObject({ cluster: 'prod', partial: true, serverVersion: 'v1.29.3-eks-adc7111' });
    const strip = (r: Report) => r.findings.map((f) => ({ rule: f.ruleId, status: f.status, resource: f.resource, path: f.location.path, message: f.message, fingerprint: f.fingerprint }));
    expect(strip(b)).toEqual(strip(a));
    expect(a.summary).toEqual(b.summary);
    expect(a.diagnostics.map((d) => d.code)).toEqual(b.diagnostics.map((d) => d.code));
    expect(a.diagnostics.find((d) => d.code === 'cluster-forbidden')!.message).toContain('could not list secrets: 403 Forbidden');
  });

  it('refuses a snapshot name that scan would not recognise, and a corrupt snapshot is an input error', async () => {
    expect(await run('snapshot', '--kubeconfig', kubeconfig, '-o', path.join(dir, 'x.json'))).toBe(2);
    const bad = path.join(dir, 'bad.json.gz');
    writeFileSync(bad, 'not gzip');
    const out = path.join(dir, 'bad.json');
    expect(await run('scan', bad, '--no-config', '-f', 'json', '-o', out)).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.diagnostics[0]).toMatchObject({ level: 'error', code: 'snapshot-invalid' });
    expect(report.diagnostics[0]!.message).toContain('not gzip data');
  });

  it('says which context is missing and exits 2', async () => {
    expect(await run('cluster', '--kubeconfig', kubeconfig, '--context', 'staging', '--no-config')).toBe(2);
  });
});
