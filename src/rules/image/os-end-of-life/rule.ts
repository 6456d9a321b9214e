import { defineRule } from '../../../core/rule.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'image-os-end-of-life',
  title: 'Image is based on an operating system past its end of life',
  severity: 'high',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'Once a distribution release reaches its end of life, its packages get no more security fixes: every vulnerability found from then on stays open. Dates are those the distributions publish (Debian LTS, Ubuntu standard support, Alpine branches).',
  remediation: 'Move the image to a supported release of its distribution (for example a newer base image tag).',
  messages: {
    eol: '{{os}} reached its end of life on {{date}}',
    soon: '{{os}} reaches its end of life on {{date}}, in {{days}} days',
  },
  check({ object, report, settings }) {
    const os = object.os;
    if (!os || typeof os.endOfLife !== 'string') return;
    const end = Date.parse(`${os.endOfLife}T23:59:59Z`);
    const name = os.prettyName ?? `${os.id} ${os.versionId ?? ''}`.trim();
    const days = Math.ceil((end - settings.now.getTime()) / DAY);
    const evidence = { os: name, endOfLife: os.endOfLife, source: os.source };
    if (days < 0) report('eol', { os: name, date: os.endOfLife }, { path: ['os', 'endOfLife'], evidence });
    else if (days <= 90) report('soon', { os: name, date: os.endOfLife, days }, { path: ['os', 'endOfLife'], evidence, status: 'warn', severity: 'medium' });
  },
});
