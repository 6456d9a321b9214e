import { defineRule } from '../../../core/rule.js';

/** Splits an image reference into its tag and digest (the registry port is not a tag). */
export function parseImageRef(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

export default defineRule({
  id: 'image-tag-mutable',
  title: 'Image uses the latest tag or no tag',
  severity: 'medium',
  area: 'workload',
  target: 'container',
  description:
    'An image without a tag, or tagged `latest`, can change under the same name: two nodes may run different code, a rollback may not roll back, and a compromised registry push reaches the cluster on the next pull.',
  remediation: 'Use a specific version tag, and better still pin the image by digest.',
  example: 'image: registry.example.com/team/app:1.4.2@sha256:<digest>',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  messages: {
    latest: 'Container "{{container}}" uses image "{{image}}" with the mutable tag "latest"',
    untagged: 'Container "{{container}}" uses image "{{image}}" without a tag (it means "latest")',
  },
  check({ container, report }) {
    const image = container.image;
    if (typeof image !== 'string' || image === '') return;
    const ref = parseImageRef(image);
    if (ref.digest) return; // A digest pins the content whatever the tag says.
    if (ref.tag === undefined) report('untagged', { container: container.name, image }, { path: ['image'] });
    else if (ref.tag === 'latest') report('latest', { container: container.name, image }, { path: ['image'] });
  },
});
