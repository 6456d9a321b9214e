import { defineRule } from '../../../core/rule.js';

export default defineRule({
  id: 'image-not-pinned',
  title: 'Image is referenced by tag without a digest',
  severity: 'low',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'A tag can be moved to other content at any time; only a digest names exactly the image that was scanned. Without one, what runs may not be what was scanned.',
  remediation: 'Reference the image by digest (`repo:tag@sha256:...`), for example with a tool that pins digests in CI.',
  example: 'image: registry.example.com/team/app:1.4@sha256:<digest>',
  messages: {
    tagOnly: 'Image {{ref}} is referenced by tag "{{tag}}" only; it scanned as {{digest}}',
  },
  check({ object, report }) {
    const img = object.image;
    if (!img || img.source !== 'registry' || typeof img.ref !== 'string' || img.ref.includes('@')) return;
    report('tagOnly', { ref: img.ref, tag: img.tag ?? 'latest', digest: img.digest ?? 'an unknown digest' }, { path: ['image', 'ref'], evidence: { ref: img.ref, digest: img.digest ?? null } });
  },
});
