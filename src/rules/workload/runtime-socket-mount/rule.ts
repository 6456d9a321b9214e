import { posix } from 'node:path';
import { defineRule } from '../../../core/rule.js';
import { isObject } from '../../../core/workload.js';

/** Where container runtimes listen, by runtime (Linux paths; `/var/run` is a link to `/run`). */
const SOCKETS: Record<string, string> = {
  '/run/docker.sock': 'Docker',
  '/run/dockershim.sock': 'dockershim',
  '/run/cri-dockerd.sock': 'cri-dockerd',
  '/run/containerd/containerd.sock': 'containerd',
  '/run/k3s/containerd/containerd.sock': 'containerd (k3s)',
  '/var/snap/microk8s/common/run/containerd.sock': 'containerd (MicroK8s)',
  '/run/crio/crio.sock': 'CRI-O',
  '/run/podman/podman.sock': 'Podman',
};
const BROAD_DIRECTORIES = new Set(['/', '/var', '/var/snap', '/var/snap/microk8s']);
/** Windows named pipes of the same runtimes, compared as written (case-insensitive). */
const PIPES: Record<string, string> = {
  '\\\\.\\pipe\\docker_engine': 'Docker',
  '\\\\.\\pipe\\containerd-containerd': 'containerd',
};

/** Normalizes a host path and maps `/var/run/...` to `/run/...`. */
export function canonicalHostPath(p: string): string {
  let out = posix.normalize(p);
  if (out.length > 1 && out.endsWith('/')) out = out.slice(0, -1);
  if (out === '/var/run') return '/run';
  if (out.startsWith('/var/run/')) return `/run/${out.slice('/var/run/'.length)}`;
  return out;
}

export interface SocketExposure {
  kind: 'socket' | 'directory';
  /** Runtimes whose socket is reachable through the path. */
  runtimes: string[];
}

/** What a host path exposes: a runtime socket itself, or a directory that contains one. */
export function classifyHostPath(hostPath: string): SocketExposure | undefined {
  const pipe = PIPES[hostPath.toLowerCase()];
  if (pipe) return { kind: 'socket', runtimes: [pipe] };
  if (!hostPath.startsWith('/')) return undefined;
  const p = canonicalHostPath(hostPath);
  if (SOCKETS[p]) return { kind: 'socket', runtimes: [SOCKETS[p]] };
  // The root and /var hold the sockets too, but mounting them is a wider problem (the whole host
  // filesystem) that is common for node agents with read-only mounts; hostPath rules report it.
  if (BROAD_DIRECTORIES.has(p)) return undefined;
  const prefix = `${p}/`;
  const runtimes = Object.entries(SOCKETS)
    .filter(([socket]) => socket.startsWith(prefix))
    .map(([, runtime]) => runtime);
  return runtimes.length ? { kind: 'directory', runtimes: [...new Set(runtimes)] } : undefined;
}

export default defineRule({
  id: 'container-runtime-socket-mount',
  title: 'Container runtime socket is mounted into a container',
  severity: 'critical',
  area: 'workload',
  target: 'workload',
  description:
    'The container runtime socket (Docker, containerd, CRI-O, ...) is the API that creates containers on the node, as root, with any mounts and privileges. A process that can connect to it can start a privileged container with the host filesystem mounted and so owns the node, and it can read the environment and files of every container on that node. A `readOnly` mount does not help: connecting to a Unix socket is not a write to the filesystem. This rule reports hostPath volumes that are a runtime socket or a directory holding one (`/run`, `/var/run`, `/run/containerd`, ...) and that a container mounts (a `subPath` that leads away from the sockets is taken into account). Mounting `/` or `/var` exposes the sockets as well, but that is the wider problem of sharing the host filesystem, which the Pod Security hostPath check reports; it is not repeated here.',
  remediation:
    'Remove the hostPath volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) instead of Docker-in-Docker via the socket; monitoring agents should use the kubelet or CRI APIs through their own minimal, audited deployment, and be exempted explicitly.',
  example: `volumes:
  - name: tmp
    emptyDir: {}   # instead of hostPath: {path: /var/run/docker.sock}`,
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'NSA/CISA Kubernetes Hardening Guide, "Pod security" and "Threat model" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    socket: 'Volume "{{volume}}" mounts the {{runtimes}} socket {{hostPath}} from the node into container(s) {{containers}}',
    directory:
      'Volume "{{volume}}" mounts the host directory {{hostPath}}, which holds the {{runtimes}} socket(s), into container(s) {{containers}}',
  },
  check({ template, containers, report }) {
    const volumes = template.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, i: number) => {
      if (!isObject(volume) || !isObject(volume.hostPath) || typeof volume.hostPath.path !== 'string') return;
      const hostPath = volume.hostPath.path;
      let worst: SocketExposure | undefined;
      const mountedBy: string[] = [];
      for (const ref of containers) {
        const mounts = ref.container.volumeMounts;
        if (!Array.isArray(mounts)) continue;
        for (const m of mounts) {
          if (!isObject(m) || m.name !== volume.name) continue;
          // A subPath narrows what the container sees; subPathExpr is only known at run time.
          const seen = typeof m.subPath === 'string' && m.subPath !== '' ? posix.join(hostPath, m.subPath) : hostPath;
          const exposure = classifyHostPath(seen);
          if (!exposure) continue;
          if (!mountedBy.includes(String(ref.container.name))) mountedBy.push(String(ref.container.name));
          if (!worst || (worst.kind === 'directory' && exposure.kind === 'socket')) worst = exposure;
        }
      }
      if (!worst) return;
      report(
        worst.kind,
        { volume: volume.name, hostPath, runtimes: worst.runtimes.length > 2 ? 'container runtime' : worst.runtimes.join(' and '), containers: mountedBy.map((n) => `"${n}"`).join(', ') },
        { path: ['spec', 'volumes', i, 'hostPath', 'path'], evidence: { volume: volume.name, hostPath, runtimes: worst.runtimes, containers: mountedBy } },
      );
    });
  },
});
