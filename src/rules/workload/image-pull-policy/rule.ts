import { defineRule } from '../../../core/rule.js';
import { parseImageRef } from '../image-tag/rule.js';

export default defineRule({
  id: 'image-pull-policy-mutable-tag',
  title: 'Mutable image tag used with a pull policy other than Always',
  severity: 'medium',
  area: 'workload',
  target: 'container',
  description:
    'For an image named by `latest` or by no tag, Kubernetes defaults `imagePullPolicy` to `Always`, so the kubelet asks the registry which image the tag names each time it starts the container. Setting `IfNotPresent` or `Never` turns that off: a node that already holds an image under that name starts it without checking, so nodes run whichever `latest` they pulled first, possibly an old one with known vulnerabilities, and a fixed image pushed under the same tag never reaches nodes that have the old one. With `IfNotPresent` a private image cached on a node can also be started by any pod on that node without its pull secret (unless the AlwaysPullImages admission plugin, or the KubeletEnsureSecretPulledImages feature of the kubelet, is on). Images with a version tag are judged by `image-not-pinned-by-digest`; images pinned by digest are immutable, so any policy is safe.',
  remediation: 'Pin the image by digest (then `IfNotPresent` is right), or use a version tag; if the tag must move, set `imagePullPolicy: Always`.',
  example: `image: registry.example.com/shop/web:1.4.2@sha256:<digest>
imagePullPolicy: IfNotPresent`,
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages',
  ],
  messages: {
    cached: 'Container "{{container}}" uses the moving image "{{image}}" with imagePullPolicy {{policy}}: a node runs whatever image it cached under that name',
  },
  check({ container, report }) {
    const image = container.image;
    const policy = container.imagePullPolicy;
    if (typeof image !== 'string' || image === '' || (policy !== 'IfNotPresent' && policy !== 'Never')) return;
    const ref = parseImageRef(image);
    if (ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) return;
    report('cached', { container: container.name, image, policy }, { path: ['imagePullPolicy'], evidence: { container: container.name, image, imagePullPolicy: policy } });
  },
});
