/** A minimal ImageContents object for rule tests, with the fields each test overrides. */
export function imageContents(over: Record<string, unknown> = {}, name = 'registry.example.com/team/app:1.4'): Record<string, unknown> {
  return {
    apiVersion: 'rampart.dev/v1',
    kind: 'ImageContents',
    metadata: { name },
    image: { ref: name, source: 'registry', registry: 'registry.example.com', repository: 'team/app', tag: '1.4' },
    config: { created: '2026-11-01T00:00:00Z', user: '65532:65532', env: [] },
    packages: [],
    vulnerabilities: [],
    ...over,
  };
}

export const NOW = new Date('2026-11-27T12:00:00Z');
