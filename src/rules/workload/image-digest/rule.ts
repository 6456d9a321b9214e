import { defineRule } from '../../../core/rule.js';
import { parseImageRef } from '../image-tag/rule.js';

export default defineRule({
  id: 'image-not-pinned-by-digest',
  title: 'Image is not pinned by digest',
  severity: 'info',
  area: 'workload',
  target: 'container',
  // Off by default: most real manifests use version tags, and a tag is a reasonable practice; this
  // is the stricter supply-chain policy that teams opt into.
  defaultEnabled: false,
  description:
    'Every tag, not only `latest`, is a movable pointer: whoever can push to the repository can make the same tag name other content, and nodes that pull later run it. A digest (`@sha256:...`) names the content itself, so every node runs exactly the image that was reviewed and scanned, and signatures and scan results stay attached to what runs.',
  remediation: 'Reference the image by digest (keep the tag in front of it for readers); let a tool such as Renovate update digests.',
  example: 'image: registry.example.com/shop/web:1.4.2@sha256:<64 hex digits>',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'NSA/CISA Kubernetes Hardening Guide, "Container images" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    tag: 'Container "{{container}}" uses image "{{image}}" by tag, not by digest',
  },
  check({ container, report }) {
    const image = container.image;
    if (typeof image !== 'string' || image === '') return;
    if (parseImageRef(image).digest) return;
    report('tag', { container: container.name, image }, { path: ['image'], evidence: { container: container.name, image } });
  },
});
