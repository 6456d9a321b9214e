import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../src/collectors/manifests/collect.js';
import { evaluate } from '../src/core/engine.js';
import { checkInForce, evaluatePod, type CheckId } from '../src/pss/index.js';
import { pssRules } from '../src/rules/pss/index.js';
import { sharedDir } from '../src/testing/shared-dir.js';

/**
 * Runs every upstream pod-security-admission fixture (test/testdata, copied to
 * <shared>/conformance/pss) through evaluatePod, and again through the parser, the rules and
 * the engine. Expectations are those of the fixtures' README: pass => no violation; fail => at
 * least one, from the check the file is named after (or the restricted check that overrides it),
 * with the message text upstream's own test expects.
 */

const PREFIXES: Record<string, { check: CheckId; text: string }> = {
  privileged: { check: 'privileged', text: 'privileged' },
  hostnamespaces: { check: 'hostNamespaces', text: 'host namespaces' },
  hostpathvolumes: { check: 'hostPathVolumes', text: 'hostPath' },
  hostports: { check: 'hostPorts', text: 'hostPort' },
  capabilities_baseline: { check: 'capabilities_baseline', text: 'capabilities' },
  apparmorprofile: { check: 'appArmorProfile', text: 'forbidden AppArmor profile' },
  selinuxoptions: { check: 'seLinuxOptions', text: 'seLinuxOptions' },
  procmount: { check: 'procMount', text: 'procMount' },
  seccompprofile_baseline: { check: 'seccompProfile_baseline', text: 'seccompProfile' },
  sysctls: { check: 'sysctls', text: 'forbidden sysctl' },
  windowshostprocess: { check: 'windowsHostProcess', text: 'hostProcess' },
  hostprobesandhostlifecycle: { check: 'hostProbesAndHostLifecycle', text: 'probe or lifecycle host' },
  restrictedvolumes: { check: 'restrictedVolumes', text: 'restricted volume types' },
  runasnonroot: { check: 'runAsNonRoot', text: 'runAsNonRoot' },
  allowprivilegeescalation: { check: 'allowPrivilegeEscalation', text: 'allowPrivilegeEscalation' },
  seccompprofile_restricted: { check: 'seccompProfile_restricted', text: 'seccompProfile' },
  capabilities_restricted: { check: 'capabilities_restricted', text: 'unrestricted capabilities' },
  runasuser: { check: 'runAsUser', text: 'runAsUser' },
  procmount_restricted: { check: 'procMount_restricted', text: 'procMount' },
};

interface Fixture {
  file: string;
  level: 'baseline' | 'restricted';
  version: string;
  expect: 'pass' | 'fail';
  prefix: string;
  text: string;
}

const shared = sharedDir();
const root = shared ? path.join(shared, 'conformance/pss') : undefined;
const present = !!root && existsSync(root);

function listFixtures(dir: string): Fixture[] {
  const out: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    for (const version of readdirSync(path.join(dir, level))) {
      for (const expect of ['pass', 'fail'] as const) {
        const folder = path.join(dir, level, version, expect);
        if (!existsSync(folder)) continue;
        for (const name of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
          const file = path.join(folder, name);
          out.push({ file, level, version, expect, prefix: name.replace(/\d*\.yaml$/, ''), text: readFileSync(file, 'utf8') });
        }
      }
    }
  }
  return out;
}

if (!present) console.warn(`PSS conformance skipped: ${root ?? '../shared'}/conformance/pss is absent (set RAMPART_SHARED or place ../shared beside the clone)`);

{
  const base = root ?? '';
  const fixtures = present ? listFixtures(base) : [];

  describe.skipIf(!present)('PSS conformance (upstream fixtures)', () => {
    it('finds all 4,537 fixtures', () => {
      expect(fixtures.length).toBe(4537);
    });

    it('agrees with every fixture through evaluatePod', () => {
      const problems: string[] = [];
      let passed = 0;
      for (const f of fixtures) {
        const pod = load(f.text) as { metadata?: unknown; spec?: unknown };
        const results = evaluatePod(pod.metadata, pod.spec, f.level, f.version);
        const failed = results.filter((r) => !r.allowed);
        const where = path.relative(base, f.file);
        if (f.expect === 'pass') {
          if (failed.length) problems.push(`${where}: expected allowed, got ${failed.map((r) => `${r.check}: ${r.forbiddenReason} (${r.forbiddenDetail})`).join('; ')}`);
          else passed++;
          continue;
        }
        if (!failed.length) {
          problems.push(`${where}: expected a violation, got none`);
          continue;
        }
        if (f.prefix.startsWith('base')) {
          problems.push(`${where}: a base pod in a fail folder`);
          continue;
        }
        const expected = PREFIXES[f.prefix];
        if (!expected) {
          problems.push(`${where}: unknown fixture prefix ${f.prefix}`);
          continue;
        }
        const judge = checkInForce(expected.check, f.level, f.version);
        const hit = failed.find((r) => r.check === judge && `${r.forbiddenReason}: ${r.forbiddenDetail}`.includes(expected.text));
        if (!hit) problems.push(`${where}: expected ${judge ?? expected.check} with "${expected.text}", got ${failed.map((r) => `${r.check}: ${r.forbiddenReason}`).join('; ')}`);
        else if (!hit.paths.length) problems.push(`${where}: ${hit.check} gave no field path`);
        else passed++;
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(passed).toBe(fixtures.length);
    });

    it('restricted includes baseline: restricted pass => baseline pass, baseline fail => restricted fail', () => {
      const problems: string[] = [];
      for (const f of fixtures) {
        const pod = load(f.text) as { metadata?: unknown; spec?: unknown };
        if (f.level === 'restricted' && f.expect === 'pass' && evaluatePod(pod.metadata, pod.spec, 'baseline', f.version).some((r) => !r.allowed))
          problems.push(f.file);
        if (f.level === 'baseline' && f.expect === 'fail' && !evaluatePod(pod.metadata, pod.spec, 'restricted', f.version).some((r) => !r.allowed))
          problems.push(f.file);
      }
      expect(problems).toEqual([]);
    });

    it('agrees on every fixture through the parser, the PSS rules and the engine', () => {
      const sample = fixtures; // all of them: about 2 s
      const problems: string[] = [];
      for (const f of sample) {
        const inventory = emptyInventory();
        addSource(inventory, { name: f.file, text: f.text, origin: 'file' });
        const result = evaluate(inventory, pssRules, { settings: { pssLevel: f.level, pssVersion: f.version } });
        const open = result.findings.filter((x) => x.status === 'fail');
        if (result.findings.some((x) => x.status === 'error')) problems.push(`${f.file}: rule error`);
        if (f.expect === 'pass' && open.length) problems.push(`${f.file}: expected no finding, got ${open.map((x) => x.ruleId).join(', ')}`);
        if (f.expect === 'fail') {
          if (!open.length) problems.push(`${f.file}: expected findings, got none`);
          // Every finding points at a line of the file.
          for (const x of open) if (!x.location.line || !x.location.path) problems.push(`${f.file}: ${x.ruleId} without line or path`);
        }
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(sample.length).toBe(4537);
    });
  });
}
