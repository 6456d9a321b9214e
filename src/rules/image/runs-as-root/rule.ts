import { defineRule } from '../../../core/rule.js';

export default defineRule({
  id: 'image-runs-as-root',
  title: 'Image runs as root by default',
  severity: 'medium',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'An image whose config sets no `User` (or user 0/root) runs its process as root unless the pod overrides it. A compromise of the process is then a compromise of root in the container, one step from the node.',
  remediation: 'Set a non-root user in the image (`USER 65532:65532` in the Dockerfile) and keep `runAsNonRoot: true` in the pod spec.',
  example: 'USER 65532:65532',
  messages: {
    unset: 'The image config sets no user, so the container runs as root',
    root: 'The image config sets user "{{user}}", which is root',
  },
  check({ object, report }) {
    const user = object.config?.user;
    if (user === undefined || user === '') {
      report('unset', {}, { path: ['config', 'user'], evidence: { user: user ?? null } });
      return;
    }
    const name = String(user).split(':')[0];
    if (name === '0' || name === 'root') report('root', { user }, { path: ['config', 'user'], evidence: { user } });
  },
});
