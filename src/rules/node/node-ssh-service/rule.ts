import { defineRule } from '../../../core/rule.js';
import type { CheckIds } from '../catalogue.js';
import { checkProperties, nodeView, reportCheck } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const ENABLED_IDS: CheckIds = { stig: ['V-242394'] };
const RUNNING_IDS: CheckIds = { stig: ['V-242393'] };

export default defineRule({
  id: 'node-ssh-service',
  title: 'Worker nodes do not run an SSH server',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'The Kubernetes STIG wants worker nodes managed through Kubernetes, not logged into: an SSH server on a worker is a way around RBAC, audit logging and admission control. Only evaluated for the STIG.',
  remediation: 'sudo systemctl disable --now ssh.service ssh.socket (keep a break-glass procedure documented).',
  references: ['https://documentation.ubuntu.com/canonical-kubernetes/latest/snap/reference/disa-stig-audit/'],
  messages: {
    'ssh-enabled': '[{{checkId}}] The SSH server is not enabled on this worker: {{detail}}',
    'ssh-running': '[{{checkId}}] The SSH server is not running on this worker: {{detail}}',
  },
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view || view.benchmark !== 'stig') return;
    const { facts } = view;
    const ssh = facts.ssh ?? {};
    const worker = facts.role === 'worker';
    const na = { status: 'not-applicable' as const, detail: 'control-plane node: the STIG rule covers workers', evidence: { role: facts.role } };
    const fix = 'sudo systemctl disable --now ssh.service ssh.socket';
    reportCheck(
      report,
      view,
      'ssh-enabled',
      checkProperties('stig', 'V-242394', ENABLED_IDS),
      !worker
        ? na
        : ssh.enabled === undefined
          ? { status: 'manual', detail: 'no systemd unit links under the node root; check systemctl is-enabled ssh on the node', evidence: { ssh } }
          : { status: ssh.enabled ? 'fail' : 'pass', detail: ssh.evidence ?? '', evidence: { ssh }, remediation: ssh.enabled ? fix : undefined },
    );
    reportCheck(
      report,
      view,
      'ssh-running',
      checkProperties('stig', 'V-242393', RUNNING_IDS),
      !worker
        ? na
        : ssh.running === undefined
          ? { status: 'manual', detail: 'processes are only read on the node itself; check systemctl is-active ssh', evidence: { ssh } }
          : { status: ssh.running ? 'fail' : 'pass', detail: ssh.running ? 'an sshd process is running' : 'no sshd process', evidence: { ssh }, remediation: ssh.running ? fix : undefined },
    );
  },
});
