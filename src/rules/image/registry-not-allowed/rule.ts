import { defineRule } from '../../../core/rule.js';

/** `registry.example.com` allows that registry; `registry.example.com/team/` a path in it; `*.example.com` any subdomain. */
export function registryAllowed(registry: string, repository: string, allowed: readonly string[]): boolean {
  const full = `${registry}/${repository}`;
  return allowed.some((a) => {
    if (a.startsWith('*.')) return registry.endsWith(a.slice(1));
    if (a.includes('/')) return full.startsWith(a.endsWith('/') ? a : `${a}/`) || full === a;
    return registry === a;
  });
}

export default defineRule({
  id: 'image-registry-not-allowed',
  title: 'Image comes from a registry that is not on the allow-list',
  severity: 'high',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'Images should come only from registries the organisation controls or trusts (scanned, signed, mirrored). The allow-list is `images.allowedRegistries` in .rampart.yaml (or `rules.image-registry-not-allowed.options.allowedRegistries`); with no list, the rule does not apply.',
  remediation: 'Mirror the image into an allowed registry and reference it there, or add the registry to images.allowedRegistries if it is trusted.',
  example: 'images:\n  allowedRegistries: [registry.example.com, "*.dkr.ecr.eu-west-1.amazonaws.com"]',
  messages: {
    notAllowed: 'Image {{ref}} comes from {{registry}}, which is not in the allowed registries ({{allowed}})',
  },
  check({ object, report, options }) {
    const allowed = Array.isArray(options.allowedRegistries) ? options.allowedRegistries.map(String) : [];
    const registry = object.image?.registry;
    if (allowed.length === 0 || typeof registry !== 'string') return;
    if (!registryAllowed(registry, String(object.image?.repository ?? ''), allowed)) {
      report('notAllowed', { ref: object.image.ref, registry, allowed: allowed.join(', ') }, { path: ['image', 'registry'], evidence: { registry, allowedRegistries: allowed } });
    }
  },
});
