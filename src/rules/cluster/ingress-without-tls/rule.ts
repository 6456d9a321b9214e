import { defineRule } from '../../../core/rule.js';

export default defineRule({
  id: 'ingress-without-tls',
  title: 'Ingress serves hosts without TLS',
  severity: 'medium',
  area: 'cluster',
  target: 'resource',
  kinds: ['Ingress'],
  description: 'An Ingress host not listed under `spec.tls` is served over plain HTTP: credentials and session cookies cross the network readable and modifiable.',
  remediation: 'List every host under `spec.tls` with a certificate Secret (cert-manager can issue them), and redirect HTTP to HTTPS in the ingress controller.',
  example: 'spec:\n  tls:\n    - hosts: [app.example.com]\n      secretName: app-tls',
  references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  messages: {
    noTls: 'Ingress {{name}} has no TLS section: {{hosts}} served over plain HTTP',
    hostWithoutTls: 'Ingress {{name}} serves host "{{host}}" without TLS',
  },
  check({ resource, object, report }) {
    const rules: any[] = Array.isArray(object.spec?.rules) ? object.spec.rules : [];
    const tls: any[] = Array.isArray(object.spec?.tls) ? object.spec.tls : [];
    const hosts = rules.map((r) => (typeof r?.host === 'string' ? r.host : '*'));
    if (tls.length === 0) {
      report('noTls', { name: resource.name, hosts: hosts.length ? [...new Set(hosts)].join(', ') : 'the default backend is' }, { path: ['spec'], evidence: { hosts } });
      return;
    }
    const covered = new Set(tls.flatMap((t) => (Array.isArray(t?.hosts) ? t.hosts : [])));
    rules.forEach((r, i) => {
      if (typeof r?.host !== 'string' || covered.has(r.host)) return;
      // A wildcard TLS host covers one label: *.example.com covers a.example.com.
      const wildcard = `*.${r.host.split('.').slice(1).join('.')}`;
      if (covered.has(wildcard)) return;
      report('hostWithoutTls', { name: resource.name, host: r.host }, { path: ['spec', 'rules', i, 'host'], evidence: { tlsHosts: [...covered] } });
    });
  },
});
