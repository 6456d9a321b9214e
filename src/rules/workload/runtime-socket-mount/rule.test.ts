import { describe, expect, it } from 'vitest';
import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule, { canonicalHostPath, classifyHostPath } from './rule.js';

const mounting = (path: string, mount: Record<string, unknown> = {}) =>
  pod({
    containers: [{ name: 'a', image: 'x:1', volumeMounts: [{ name: 'v', mountPath: '/host', ...mount }] }],
    volumes: [{ name: 'v', hostPath: { path } }],
  });

ruleTester.run(rule, {
  valid: [
    mounting('/var/log'),
    mounting('/var/lib/docker/containers'),
    { name: 'a volume no container mounts', input: pod({ containers: [{ name: 'a', image: 'x:1' }], volumes: [{ name: 'v', hostPath: { path: '/var/run/docker.sock' } }] }) },
    { name: 'a subPath that leads away from the sockets', input: mounting('/run', { subPath: 'xtables.lock' }) },
    { name: 'the host root is the hostPath check\'s concern', input: mounting('/', { readOnly: true }) },
    pod({ containers: [{ name: 'a', image: 'x:1', volumeMounts: [{ name: 'v', mountPath: '/d' }] }], volumes: [{ name: 'v', emptyDir: {} }] }),
  ],
  invalid: [
    {
      input: mounting('/var/run/docker.sock', { readOnly: true }),
      errors: [{ messageId: 'socket', path: 'spec.volumes[0].hostPath.path', message: 'Docker socket /var/run/docker.sock' }],
    },
    { input: mounting('/run/containerd/containerd.sock'), errors: [{ messageId: 'socket', path: 'spec.volumes[0].hostPath.path', message: 'containerd' }] },
    { input: mounting('/var/run/containerd/containerd.sock'), errors: [{ messageId: 'socket', path: 'spec.volumes[0].hostPath.path' }] },
    { input: mounting('/var/run/crio/crio.sock'), errors: [{ messageId: 'socket', path: 'spec.volumes[0].hostPath.path', message: 'CRI-O' }] },
    { input: mounting('/var/run/'), errors: [{ messageId: 'directory', path: 'spec.volumes[0].hostPath.path', message: 'container runtime socket' }] },
    { input: mounting('/run'), errors: [{ messageId: 'directory', path: 'spec.volumes[0].hostPath.path' }] },
    { input: mounting('/run/containerd'), errors: [{ messageId: 'directory', path: 'spec.volumes[0].hostPath.path', message: 'containerd socket' }] },
    {
      name: 'a subPath that leads to the socket',
      input: mounting('/var/run', { subPath: 'docker.sock' }),
      errors: [{ messageId: 'socket', path: 'spec.volumes[0].hostPath.path' }],
    },
    {
      name: 'one finding per volume, naming every container that mounts it',
      input: deployment({
        initContainers: [{ name: 'i', image: 'x:1', volumeMounts: [{ name: 'sock', mountPath: '/s' }] }],
        containers: [{ name: 'a', image: 'x:1', volumeMounts: [{ name: 'sock', mountPath: '/s' }] }],
        volumes: [
          { name: 'logs', hostPath: { path: '/var/log' } },
          { name: 'sock', hostPath: { path: '/run/crio/crio.sock', type: 'Socket' } },
        ],
      }),
      errors: [{ messageId: 'socket', path: 'spec.template.spec.volumes[1].hostPath.path', message: '"i", "a"' }],
    },
  ],
});

describe('classifyHostPath', () => {
  it('treats /var/run as /run and normalizes the path', () => {
    expect(canonicalHostPath('/var/run//docker.sock')).toBe('/run/docker.sock');
    expect(canonicalHostPath('/var/run/../run/')).toBe('/run');
    expect(classifyHostPath('/var/run/./containerd/')).toEqual({ kind: 'directory', runtimes: ['containerd'] });
  });
  it('knows Windows named pipes', () => {
    expect(classifyHostPath('\\\\.\\pipe\\docker_engine')).toEqual({ kind: 'socket', runtimes: ['Docker'] });
  });
  it('ignores relative and unrelated paths', () => {
    expect(classifyHostPath('run/docker.sock')).toBeUndefined();
    expect(classifyHostPath('/var/runner')).toBeUndefined();
    expect(classifyHostPath('/var')).toBeUndefined();
  });
});
