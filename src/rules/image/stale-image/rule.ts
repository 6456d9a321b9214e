import { defineRule } from '../../../core/rule.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'image-stale',
  title: 'Image was built too long ago',
  severity: 'medium',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'An image built long ago carries every security fix its packages have had since as a missing update. The age comes from the config\'s `created` time; the limit is `rules.image-stale.options.maxAgeDays` (default 90).',
  remediation: 'Rebuild the image regularly (for example weekly in CI) so it picks up the base image\'s and packages\' fixes.',
  messages: {
    stale: 'The image was built {{days}} days ago ({{created}}), more than the {{max}} days allowed',
    noDate: 'The image config has no usable creation time ({{created}}), so its age is unknown',
  },
  check({ object, report, settings, options }) {
    const max = typeof options.maxAgeDays === 'number' && options.maxAgeDays > 0 ? options.maxAgeDays : 90;
    const created = object.config?.created;
    const t = typeof created === 'string' ? Date.parse(created) : NaN;
    // Reproducible builds set the epoch (1970) or leave the field out; that says nothing about age.
    if (Number.isNaN(t) || t <= 0) {
      report('noDate', { created: created ?? 'none' }, { path: ['config', 'created'], status: 'warn', severity: 'info' });
      return;
    }
    const days = Math.floor((settings.now.getTime() - t) / DAY);
    if (days > max) report('stale', { days, created, max }, { path: ['config', 'created'], evidence: { created, ageDays: days, maxAgeDays: max } });
  },
});
