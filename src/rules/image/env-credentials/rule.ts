import { defineRule } from '../../../core/rule.js';

export default defineRule({
  id: 'image-env-credentials',
  title: 'Image config carries a credential in its environment',
  severity: 'high',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'Environment variables set in the image config (Dockerfile `ENV`) are readable by anyone who can pull the image, and stay in it forever. The collector flags variables whose value looks like a known credential format or whose name says it is a secret; the value itself is never read into the report.',
  remediation: 'Remove the variable from the image, rotate the credential, and pass it at run time from a Kubernetes Secret.',
  messages: {
    credential: 'Environment variable {{name}} (Env[{{index}}]) looks like a credential: {{why}}',
  },
  check({ object, report }) {
    const env = Array.isArray(object.config?.env) ? object.config.env : [];
    for (const e of env) {
      if (!e || typeof e.credential !== 'string') continue;
      report('credential', { name: e.name, index: e.index, why: e.credential }, { path: ['config', 'env', e.index], evidence: { variable: e.name, index: e.index, reason: e.credential } });
    }
  },
});
