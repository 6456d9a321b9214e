import { describe, expect, it } from 'vitest';
import { effectiveValue, parseArgsText, splitArgument } from './args.js';

describe('parseArgsText', () => {
  it('reads k8sd quoted lines and admin-appended unquoted lines with their line numbers', () => {
    const text = '--anonymous-auth="false"\n--enable-admission-plugins="NodeRestriction"\n\n# added by hand\n--encryption-provider-config=/var/snap/k8s/common/etc/encryption/enc.yaml\n--register-with-taints=""\n';
    const { flags, problems } = parseArgsText(text);
    expect(problems).toEqual([]);
    expect(flags.get('--anonymous-auth')).toEqual([{ value: 'false', line: 1, raw: '--anonymous-auth="false"' }]);
    expect(flags.get('--encryption-provider-config')![0]!.line).toBe(5);
    expect(flags.get('--encryption-provider-config')![0]!.value).toBe('/var/snap/k8s/common/etc/encryption/enc.yaml');
    expect(flags.get('--register-with-taints')![0]!.value).toBe('');
  });

  it('keeps every occurrence: the last wins for scalars, list flags add up', () => {
    const { flags } = parseArgsText('--profiling="true"\n--enable-admission-plugins="NodeRestriction"\n--profiling=false\n--enable-admission-plugins=EventRateLimit\n');
    expect(effectiveValue('--profiling', flags.get('--profiling')!)).toBe('false');
    expect(effectiveValue('--enable-admission-plugins', flags.get('--enable-admission-plugins')!)).toBe('NodeRestriction,EventRateLimit');
  });

  it('reports lines that are not flags instead of guessing', () => {
    const { flags, problems } = parseArgsText('--ok=1\nthis is not a flag\n--also-ok 2\n');
    expect(problems).toEqual([{ line: 2, text: 'this is not a flag' }]);
    expect(flags.get('--also-ok')![0]!.value).toBe('2');
  });

  it('splits the forms the Go flag library accepts', () => {
    expect(splitArgument('--bind-address=127.0.0.1')).toEqual({ name: '--bind-address', value: '127.0.0.1' });
    expect(splitArgument('--v 2')).toEqual({ name: '--v', value: '2' });
    expect(splitArgument('--enable')).toEqual({ name: '--enable', value: 'true' });
    expect(splitArgument('kube-apiserver')).toBeUndefined();
  });
});
