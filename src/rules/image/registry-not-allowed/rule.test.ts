import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { imageContents } from '../testing.js';
import rule, { registryAllowed } from './rule.js';

const opts = (list: string[]) => ({ options: { 'image-registry-not-allowed': { allowedRegistries: list } } });

ruleTester.run(rule, {
  valid: [
    { input: imageContents(), settings: opts(['registry.example.com']) },
    { input: imageContents(), settings: opts([]) },
    { input: imageContents({ image: { ref: './layout', source: 'oci-layout' } }), settings: opts(['registry.example.com']) },
  ],
  invalid: [
    { input: imageContents(), settings: opts(['ghcr.io', 'registry.example.com/other/']), errors: [{ messageId: 'notAllowed', path: 'image.registry' }] },
  ],
});

describe('registryAllowed', () => {
  it('reads hosts, paths and wildcards', () => {
    expect(registryAllowed('registry.example.com', 'team/app', ['registry.example.com/team/'])).toBe(true);
    expect(registryAllowed('registry.example.com', 'teamx/app', ['registry.example.com/team'])).toBe(false);
    expect(registryAllowed('1234.dkr.ecr.eu-west-1.amazonaws.com', 'app', ['*.amazonaws.com'])).toBe(true);
    expect(registryAllowed('docker.io', 'library/nginx', ['registry.example.com'])).toBe(false);
  });
});
