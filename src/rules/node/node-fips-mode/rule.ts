import { defineRule } from '../../../core/rule.js';
import { checkProperties, nodeView, reportCheck } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

export default defineRule({
  id: 'node-fips-mode',
  title: 'The node runs its kernel in FIPS mode where the STIG requires it',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'DISA STIG deployments need FIPS 140 validated cryptography: Canonical Kubernetes ships FIPS builds that are used only when the host kernel runs in FIPS mode (/proc/sys/crypto/fips_enabled = 1). Outside the STIG the fact is reported for information.',
  remediation: 'Enable FIPS on the host (Ubuntu Pro: sudo pro enable fips-updates, then reboot) before installing Kubernetes.',
  references: ['https://documentation.ubuntu.com/canonical-kubernetes/latest/snap/howto/install/fips/'],
  messages: { fips: '[{{checkId}}] Kernel FIPS mode: {{detail}}' },
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    const props = checkProperties(benchmark === 'stig' ? 'stig' : 'rampart', 'fips-mode');
    const known = facts.fips.kernel !== undefined;
    const on = facts.fips.kernel === true;
    // On the snap the FIPS libraries come from the core22 base snap's fips-updates track.
    const core = facts.snap?.core22Tracking;
    const coreOk = core === undefined || core.startsWith('fips-updates');
    const status = on && coreOk ? 'pass' : on ? 'warn' : !known ? 'manual' : benchmark === 'stig' ? 'fail' : 'warn';
    const detail = !known
      ? '/proc/sys/crypto/fips_enabled is not readable under the node root; check it on the node'
      : !on
        ? 'disabled (fips_enabled = 0)'
        : coreOk
          ? `enabled${core ? `; core22 tracks ${core}` : ''}`
          : `enabled, but the core22 snap tracks ${core}, not fips-updates: Kubernetes does not use the certified libraries`;
    reportCheck(report, view, 'fips', props, {
      status,
      detail,
      evidence: { file: '/proc/sys/crypto/fips_enabled', actual: known ? (on ? '1' : '0') : null, expected: '1', ...(core ? { core22Tracking: core } : {}) },
      remediation: status === 'pass' ? undefined : on ? 'sudo snap refresh core22 --channel=fips-updates/stable' : 'Enable FIPS on the host (Ubuntu Pro: sudo pro enable fips-updates, then reboot) before installing Kubernetes.',
    });
  },
});
