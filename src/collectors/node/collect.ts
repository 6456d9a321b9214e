import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import type { Diagnostic, Inventory, Locator, Resource } from '../../core/types.js';
import { addSource, emptyInventory } from '../manifests/collect.js';
import { effectiveValue, parseArgsText, splitArgument, type FlagOccurrence } from './args.js';
import { inspectCertificates, inspectKey, type CertificateFacts, type KeyFacts } from './certs.js';
import {
  ALL_COMPONENTS,
  BINARIES,
  CONTROL_PLANE_COMPONENTS,
  FLAG_DEFAULTS,
  KUBEADM_KUBELET_SERVICE_CANDIDATES,
  KUBEADM_LAYOUT,
  KUBELET_CONFIG_FIELDS,
  SNAP_ARGS_DIR,
  SNAP_LAYOUT,
  type ComponentName,
  type Distribution,
  type Layout,
} from './layout.js';

export const NODE_API_VERSION = 'rampart.dev/v1';
export type Benchmark = 'cis-ck8s' | 'cis-kubeadm' | 'stig';

/** Where a flag's effective value came from, in order of precedence. */
export type FlagSource = 'process' | 'args-file' | 'manifest' | 'kubelet-flags' | 'config-file' | 'default';

export interface FlagFact {
  value: string;
  source: FlagSource;
  /** Node path of the file the value was read from, and its line. */
  file?: string;
  line?: number;
  /** Every occurrence when the flag is written more than once. */
  occurrences?: { value: string; line: number }[];
}

export interface ComponentFacts {
  name: ComponentName;
  /** Its configuration file exists (or its process runs). */
  present: boolean;
  running?: boolean;
  configFile?: string;
  /** KubeletConfiguration file in use (`--config`), for the kubelet. */
  configFileInUse?: string;
  flags: Record<string, FlagFact>;
  image?: string;
  version?: string;
  error?: string;
}

export interface FileFact {
  path: string;
  exists: boolean;
  type?: 'file' | 'directory' | 'symlink' | 'other';
  /** Permission bits in octal, e.g. `600`. */
  mode?: string;
  uid?: number;
  gid?: number;
  /** `user:group` by name when the node's /etc/passwd and /etc/group know the ids, else numbers. */
  owner?: string;
  error?: string;
}

export interface EncryptionFacts {
  configured: boolean;
  file?: string;
  flagLine?: number;
  error?: string;
  /** Provider names per resource group, in order (the first encrypts new writes). */
  groups?: { resources: string[]; providers: string[]; kmsApiVersions: string[] }[];
  /** Providers that apply to secrets, in order (empty when the config does not cover secrets). */
  secretsProviders?: string[];
}

export interface AuditFacts {
  policyFile?: string;
  error?: string;
  ruleCount?: number;
  /** The most detailed level any rule can apply to secrets (None < Metadata < Request < RequestResponse). */
  secretsLevel?: string;
  /** Index of the rule that decides the secrets level. */
  secretsRule?: number;
  omitStages?: string[];
}

export interface SnapFacts {
  revision?: string;
  version?: string;
  confinement?: string;
  grade?: string;
  bom?: { k8sVersion?: string; components: Record<string, string> };
  bomError?: string;
  /** From `snap list`/`snap info` output saved beside the node (see docs/node.md). */
  tracking?: string;
  refreshDate?: string;
  held?: boolean;
  /** Channel of the core22 base snap: `fips-updates/...` carries the FIPS-certified libraries. */
  core22Tracking?: string;
  notes?: string;
}

export interface NodeFacts {
  apiVersion: string;
  kind: 'NodeConfig';
  metadata: { name: string };
  root: string;
  live: boolean;
  distribution: Distribution;
  role: 'control-plane' | 'worker';
  datastore?: 'etcd' | 'k8s-dqlite';
  benchmark: Benchmark;
  kubernetesVersion?: { version: string; source: string };
  components: Partial<Record<ComponentName, ComponentFacts>>;
  files: Record<string, FileFact>;
  certificates: (CertificateFacts | { file: string; error: string })[];
  keys: KeyFacts[];
  encryption: EncryptionFacts;
  audit: AuditFacts;
  fips: { kernel?: boolean; source?: string };
  /** The SSH server: enabled in systemd (a wants link), running (live nodes only). Undefined = cannot tell. */
  ssh: { enabled?: boolean; running?: boolean; evidence?: string };
  snap?: SnapFacts;
  layout: Layout;
}

export interface CollectNodeOptions {
  /** Benchmark to evaluate; by default the one for the detected distribution. */
  benchmark?: Benchmark;
  /** Read /proc/<pid>/cmdline for running components (default: when root is `/`). */
  processes?: boolean;
}

/** Thrown when --root does not look like a Kubernetes node. */
export class NotANodeError extends Error {}

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Reads files below a root, turning every failure into a message instead of an exception. */
class NodeFs {
  private passwd?: Map<number, string>;
  private group?: Map<number, string>;
  constructor(readonly root: string) {}

  real(nodePath: string): string {
    return this.root === '/' ? nodePath : path.join(this.root, nodePath);
  }

  exists(nodePath: string): boolean {
    try {
      fs.lstatSync(this.real(nodePath));
      return true;
    } catch {
      return false;
    }
  }

  read(nodePath: string): { text?: string; error?: string } {
    try {
      const st = fs.statSync(this.real(nodePath));
      if (st.isDirectory()) return { error: 'is a directory' };
      // A FIFO or device would block or stream forever: only regular files are read.
      if (!st.isFile()) return { error: 'not a regular file' };
      if (st.size > MAX_FILE_BYTES) return { error: `larger than ${MAX_FILE_BYTES} bytes` };
      return { text: fs.readFileSync(this.real(nodePath), 'utf8') };
    } catch (err) {
      return { error: describeError(err) };
    }
  }

  list(nodePath: string): string[] {
    try {
      return fs.readdirSync(this.real(nodePath)).sort();
    } catch {
      return [];
    }
  }

  stat(nodePath: string): FileFact {
    try {
      const st = fs.lstatSync(this.real(nodePath));
      const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
      return {
        path: nodePath,
        exists: true,
        type,
        mode: (st.mode & 0o777).toString(8).padStart(3, '0'),
        uid: st.uid,
        gid: st.gid,
        owner: `${this.userName(st.uid)}:${this.groupName(st.gid)}`,
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { path: nodePath, exists: false };
      return { path: nodePath, exists: false, error: describeError(err) };
    }
  }

  private names(file: string): Map<number, string> {
    const map = new Map<number, string>([[0, 'root']]);
    const { text } = this.read(file);
    for (const line of (text ?? '').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id && /^\d+$/.test(id) && !map.has(Number(id))) map.set(Number(id), name);
    }
    return map;
  }

  userName(uid: number): string {
    this.passwd ??= this.names('/etc/passwd');
    return this.passwd.get(uid) ?? String(uid);
  }

  groupName(gid: number): string {
    this.group ??= this.names('/etc/group');
    return this.group.get(gid) ?? String(gid);
  }
}

function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (run as root, e.g. sudo rampart node)';
  if (code === 'ENOENT') return 'not found';
  return (err as Error).message;
}

function detect(nfs: NodeFs): Layout | undefined {
  if (nfs.exists(SNAP_ARGS_DIR)) return SNAP_LAYOUT;
  if (nfs.exists('/etc/kubernetes/manifests') || nfs.exists('/var/lib/kubelet/config.yaml') || nfs.exists('/etc/kubernetes/kubelet.conf')) return KUBEADM_LAYOUT;
  return undefined;
}

/**
 * Gathers the facts of one node under `root` into an inventory: one `NodeConfig` resource for the
 * node, and one `NodeComponentConfig` resource per configuration file read (args file, static pod
 * manifest, KubeletConfiguration), whose `locate(['flags', '--name'])` gives the flag's line.
 */
export function collectNode(root: string, options: CollectNodeOptions = {}): Inventory {
  const absRoot = path.resolve(root);
  const inventory = emptyInventory();
  const diagnostics = inventory.diagnostics;
  try {
    if (!fs.statSync(absRoot).isDirectory()) throw new NotANodeError(`--root ${root} is not a directory`);
  } catch (err) {
    if (err instanceof NotANodeError) throw err;
    throw new NotANodeError(`--root ${root}: ${describeError(err)}`);
  }
  const nfs = new NodeFs(absRoot);
  const layout = detect(nfs);
  if (!layout) {
    throw new NotANodeError(
      `${absRoot === '/' ? 'this machine' : root} is not a Kubernetes node: found neither Canonical Kubernetes (${SNAP_ARGS_DIR}) nor kubeadm (/etc/kubernetes/manifests, /var/lib/kubelet/config.yaml, /etc/kubernetes/kubelet.conf)`,
    );
  }
  const live = options.processes ?? absRoot === '/';
  const processes = live ? readProcesses(nfs) : new Map<ComponentName, string[]>();
  const componentResources: Resource[] = [];
  const components: NodeFacts['components'] = {};
  for (const name of ALL_COMPONENTS) {
    const facts = layout.distribution === 'canonical-k8s' ? snapComponent(nfs, name, diagnostics, componentResources) : kubeadmComponent(nfs, name, diagnostics, componentResources);
    const cmdline = processes.get(name);
    if (cmdline) applyProcess(facts, cmdline);
    if (facts.present || cmdline) components[name] = facts;
  }
  if (components.kubelet) applyKubeletConfig(nfs, components.kubelet, diagnostics, componentResources);
  for (const c of Object.values(components)) if (c) applyDefaults(c);

  const role = CONTROL_PLANE_COMPONENTS.some((c) => components[c]?.present) ? 'control-plane' : 'worker';
  const datastore = components.etcd?.present ? 'etcd' : components['k8s-dqlite']?.present ? 'k8s-dqlite' : undefined;
  const files = statFiles(nfs, layout, components);
  const { certificates, keys } = readPki(nfs, layout.pkiDir);
  const apiserver = components['kube-apiserver'];
  const facts: NodeFacts = {
    apiVersion: NODE_API_VERSION,
    kind: 'NodeConfig',
    metadata: { name: nodeName(nfs, components) },
    root: absRoot,
    live,
    distribution: layout.distribution,
    role,
    datastore,
    benchmark: options.benchmark ?? (layout.distribution === 'canonical-k8s' ? 'cis-ck8s' : 'cis-kubeadm'),
    components,
    files,
    certificates,
    keys,
    encryption: readEncryption(nfs, apiserver, files),
    audit: readAudit(nfs, apiserver, files),
    fips: readFips(nfs),
    ssh: readSsh(nfs, live),
    layout,
  };
  if (layout.distribution === 'canonical-k8s') facts.snap = readSnap(nfs, live);
  facts.kubernetesVersion = kubernetesVersion(facts);

  const nodeResource: Resource = {
    apiVersion: NODE_API_VERSION,
    kind: 'NodeConfig',
    name: facts.metadata.name,
    object: facts as unknown as Record<string, unknown>,
    source: { origin: 'node', nodeRoot: absRoot },
  };
  inventory.resources.push(nodeResource, ...componentResources);
  inventory.stats.resources = inventory.resources.length;
  inventory.context = { nodeRoot: absRoot, distribution: facts.distribution, role, benchmark: facts.benchmark, datastore };
  return inventory;
}

function nodeName(nfs: NodeFs, components: NodeFacts['components']): string {
  const override = components.kubelet?.flags['--hostname-override']?.value;
  if (override) return override;
  const { text } = nfs.read('/etc/hostname');
  const host = text?.trim();
  if (host) return host;
  return nfs.root === '/' ? 'localhost' : path.basename(nfs.root);
}

/** A component resource: its object holds the flags, and `locate(['flags', name])` the line. */
function componentResource(nfs: NodeFs, name: string, file: string, flags: Record<string, FlagFact>, locate?: Locator): Resource {
  return {
    apiVersion: NODE_API_VERSION,
    kind: 'NodeComponentConfig',
    name,
    object: { component: name, file, flags },
    source: { origin: 'node', nodeRoot: nfs.root, file: nfs.real(file) },
    locate:
      locate ??
      ((p) => {
        if (p[0] !== 'flags' || typeof p[1] !== 'string') return undefined;
        const f = flags[p[1]];
        return f?.line && f.file === file ? { line: f.line, column: 1 } : undefined;
      }),
  };
}

function occurrencesToFact(name: string, occ: FlagOccurrence[], source: FlagSource, file: string): FlagFact {
  const fact: FlagFact = { value: effectiveValue(name, occ), source, file, line: occ[occ.length - 1]!.line };
  if (occ.length > 1) fact.occurrences = occ.map((o) => ({ value: o.value, line: o.line }));
  return fact;
}

function snapComponent(nfs: NodeFs, name: ComponentName, diagnostics: Diagnostic[], out: Resource[]): ComponentFacts {
  const file = SNAP_LAYOUT.componentConfig[name]!;
  const facts: ComponentFacts = { name, present: false, configFile: file, flags: {} };
  if (!nfs.exists(file)) return facts;
  facts.present = true;
  const { text, error } = nfs.read(file);
  if (error !== undefined) {
    facts.error = error;
    diagnostics.push({ level: 'warning', code: 'node-file-unreadable', message: `${file}: ${error}`, file: nfs.real(file) });
    return facts;
  }
  const parsed = parseArgsText(text ?? '');
  for (const p of parsed.problems) {
    diagnostics.push({ level: 'warning', code: 'node-args-syntax', message: `${file}:${p.line}: not a --flag line: ${p.text}`, file: nfs.real(file), line: p.line });
  }
  for (const [flag, occ] of parsed.flags) facts.flags[flag] = occurrencesToFact(flag, occ, 'args-file', file);
  out.push(componentResource(nfs, name, file, facts.flags));
  return facts;
}

function kubeadmComponent(nfs: NodeFs, name: ComponentName, diagnostics: Diagnostic[], out: Resource[]): ComponentFacts {
  const file = KUBEADM_LAYOUT.componentConfig[name];
  const facts: ComponentFacts = { name, present: false, configFile: file, flags: {} };
  if (name === 'kubelet') {
    // The kubelet runs from systemd; its flags come from the drop-in, kubeadm-flags.env and /etc/default/kubelet.
    facts.present = nfs.exists('/var/lib/kubelet/config.yaml') || nfs.exists('/etc/kubernetes/kubelet.conf') || KUBEADM_KUBELET_SERVICE_CANDIDATES.some((f) => nfs.exists(f));
    facts.configFile = undefined;
    readKubeletFlagFiles(nfs, facts, diagnostics, out);
    return facts;
  }
  if (!file || !nfs.exists(file)) return facts;
  facts.present = true;
  const { text, error } = nfs.read(file);
  if (error !== undefined) {
    facts.error = error;
    diagnostics.push({ level: 'warning', code: 'node-file-unreadable', message: `${file}: ${error}`, file: nfs.real(file) });
    return facts;
  }
  // The static pod manifest goes through the manifest parser, so flags get their line in the YAML.
  const inv = emptyInventory();
  addSource(inv, { name: nfs.real(file), text: text ?? '', origin: 'file' });
  for (const d of inv.diagnostics) diagnostics.push({ ...d, code: d.code === 'yaml-syntax' ? 'node-manifest-syntax' : d.code });
  const pod = inv.resources.find((r) => r.kind === 'Pod');
  if (!pod) {
    facts.error = 'no Pod in the static pod manifest';
    if (!inv.diagnostics.length) diagnostics.push({ level: 'warning', code: 'node-manifest-invalid', message: `${file}: ${facts.error}`, file: nfs.real(file) });
    return facts;
  }
  const containers: any[] = Array.isArray(pod.object.spec?.containers) ? pod.object.spec.containers : [];
  const ci = Math.max(0, containers.findIndex((c) => c?.name === name));
  const container = containers[ci] ?? {};
  facts.image = typeof container.image === 'string' ? container.image : undefined;
  const tag = /:(v?\d+\.\d+\.\d+[^@]*)/.exec(facts.image ?? '');
  if (tag && name !== 'etcd') facts.version = tag[1]!.startsWith('v') ? tag[1] : `v${tag[1]}`;
  const args = [...(Array.isArray(container.command) ? container.command.map((v: unknown, i: number) => ({ v, key: 'command', i })) : []), ...(Array.isArray(container.args) ? container.args.map((v: unknown, i: number) => ({ v, key: 'args', i })) : [])];
  const occ = new Map<string, (FlagOccurrence & { path: (string | number)[] })[]>();
  for (const a of args) {
    if (typeof a.v !== 'string') continue;
    const parsed = splitArgument(a.v);
    if (!parsed) continue;
    const pathTo = ['spec', 'containers', ci, a.key, a.i];
    const line = pod.locate?.(pathTo)?.line ?? 0;
    let list = occ.get(parsed.name);
    if (!list) occ.set(parsed.name, (list = []));
    list.push({ value: parsed.value, line, raw: a.v, path: pathTo });
  }
  for (const [flag, list] of occ) facts.flags[flag] = occurrencesToFact(flag, list, 'manifest', file);
  const positions = new Map([...occ].map(([flag, list]) => [flag, list[list.length - 1]!.path]));
  out.push(
    componentResource(nfs, name, file, facts.flags, (p) => {
      if (p[0] === 'flags' && typeof p[1] === 'string') {
        const at = positions.get(p[1]);
        return at ? pod.locate?.(at) : pod.locate?.(['spec', 'containers', ci, 'command']);
      }
      return pod.locate?.(p);
    }),
  );
  return facts;
}

/** kubeadm's kubelet: `KUBELET_KUBEADM_ARGS` in kubeadm-flags.env, `KUBELET_EXTRA_ARGS`, and the drop-in's `--config`. */
function readKubeletFlagFiles(nfs: NodeFs, facts: ComponentFacts, diagnostics: Diagnostic[], out: Resource[]) {
  const sources: { file: string; pattern: RegExp }[] = [
    ...KUBEADM_KUBELET_SERVICE_CANDIDATES.map((file) => ({ file, pattern: /^Environment="?KUBELET_(?:KUBECONFIG|CONFIG)_ARGS=(.*?)"?$/ })),
    { file: '/var/lib/kubelet/kubeadm-flags.env', pattern: /^KUBELET_KUBEADM_ARGS="?(.*?)"?$/ },
    { file: '/etc/default/kubelet', pattern: /^KUBELET_EXTRA_ARGS="?(.*?)"?$/ },
  ];
  for (const { file, pattern } of sources) {
    if (!nfs.exists(file)) continue;
    const { text, error } = nfs.read(file);
    if (error !== undefined) {
      diagnostics.push({ level: 'warning', code: 'node-file-unreadable', message: `${file}: ${error}`, file: nfs.real(file) });
      continue;
    }
    const local: Record<string, FlagFact> = {};
    (text ?? '').split('\n').forEach((line, i) => {
      const m = pattern.exec(line.trim());
      if (!m) return;
      for (const word of m[1]!.split(/\s+/).filter(Boolean)) {
        const p = splitArgument(word);
        if (p) local[p.name] = facts.flags[p.name] = { value: p.value, source: 'kubelet-flags', file, line: i + 1 };
      }
    });
    if (Object.keys(local).length) out.push(componentResource(nfs, 'kubelet', file, facts.flags));
  }
}

function getIn(obj: unknown, keys: readonly string[]): unknown {
  let cur: any = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

function configValueToString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String).join(',');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${String(x)}`).join(',');
  return String(v);
}

/** The kubelet config file named by `--config`: its fields apply where no flag is given. */
function applyKubeletConfig(nfs: NodeFs, kubelet: ComponentFacts, diagnostics: Diagnostic[], out: Resource[]) {
  const file = kubelet.flags['--config']?.value;
  if (!file) return;
  kubelet.configFileInUse = file;
  const { text, error } = nfs.read(file);
  if (error !== undefined) {
    kubelet.error = `${file}: ${error}`;
    diagnostics.push({ level: 'warning', code: 'node-file-unreadable', message: `${file}: ${error}`, file: nfs.real(file) });
    return;
  }
  const inv = emptyInventory();
  addSource(inv, { name: nfs.real(file), text: text ?? '', origin: 'file' });
  for (const d of inv.diagnostics) diagnostics.push({ ...d, code: d.code === 'yaml-syntax' ? 'node-config-syntax' : d.code });
  const cfg = inv.resources.find((r) => r.kind === 'KubeletConfiguration');
  if (!cfg) {
    if (!inv.diagnostics.some((d) => d.level === 'error')) diagnostics.push({ level: 'warning', code: 'node-config-invalid', message: `${file}: no KubeletConfiguration in the file`, file: nfs.real(file) });
    kubelet.error = `${file}: not a KubeletConfiguration`;
    return;
  }
  const fieldOf = new Map<string, string[]>();
  for (const [flag, keys] of Object.entries(KUBELET_CONFIG_FIELDS)) {
    fieldOf.set(flag, keys);
    if (kubelet.flags[flag]) continue; // A command-line flag wins over the file.
    const raw = getIn(cfg.object, keys);
    const value = configValueToString(raw);
    if (value === undefined) continue;
    kubelet.flags[flag] = { value, source: 'config-file', file, line: cfg.locate?.(keys)?.line };
  }
  const configFlags = Object.fromEntries(Object.entries(kubelet.flags).filter(([, f]) => f.file === file));
  out.push(
    componentResource(nfs, 'kubelet', file, configFlags, (p) => {
      const keys = p[0] === 'flags' && typeof p[1] === 'string' ? fieldOf.get(p[1]) : undefined;
      return keys ? cfg.locate?.(keys) : cfg.locate?.(p);
    }),
  );
}

function applyDefaults(c: ComponentFacts) {
  const defaults = FLAG_DEFAULTS[c.name] ?? {};
  const configMode = c.name === 'kubelet' && c.configFileInUse !== undefined;
  for (const [flag, d] of Object.entries(defaults)) {
    if (c.flags[flag]) continue;
    const value = configMode ? (d.config ?? d.flag) : d.flag;
    if (value !== undefined) c.flags[flag] = { value, source: 'default' };
  }
}

function readProcesses(nfs: NodeFs): Map<ComponentName, string[]> {
  const found = new Map<ComponentName, string[]>();
  for (const pid of nfs.list('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let raw: string;
    try {
      raw = fs.readFileSync(nfs.real(`/proc/${pid}/cmdline`), 'utf8');
    } catch {
      continue;
    }
    const argv = raw.split('\0').filter(Boolean);
    const bin = path.basename(argv[0] ?? '');
    const component = BINARIES[bin];
    if (component && !found.has(component)) found.set(component, argv.slice(1));
  }
  return found;
}

/** A running process's flags are what is in force; the file line is kept when the file has the flag. */
function applyProcess(facts: ComponentFacts, argv: string[]) {
  facts.running = true;
  facts.present = true;
  const seen = new Map<string, string[]>();
  for (const arg of argv) {
    const p = splitArgument(arg);
    if (!p) continue;
    const list = seen.get(p.name) ?? [];
    list.push(p.value);
    seen.set(p.name, list);
  }
  for (const [flag, values] of seen) {
    const fromFile = facts.flags[flag];
    const value = effectiveValue(flag, values.map((v, i) => ({ value: v, line: i + 1, raw: v })));
    facts.flags[flag] = { value, source: 'process', file: fromFile?.file, line: fromFile?.value === value ? fromFile.line : undefined };
  }
}

function statFiles(nfs: NodeFs, layout: Layout, components: NodeFacts['components']): Record<string, FileFact> {
  const wanted = new Set<string>();
  for (const p of Object.values(layout.files)) wanted.add(p);
  for (const c of Object.values(components)) if (c?.configFile) wanted.add(c.configFile);
  if (layout.distribution === 'kubeadm') for (const f of KUBEADM_KUBELET_SERVICE_CANDIDATES) wanted.add(f);
  const kubelet = components.kubelet;
  for (const flag of ['--client-ca-file', '--kubeconfig', '--config']) {
    const v = kubelet?.flags[flag]?.value;
    if (v && v.startsWith('/')) wanted.add(v);
  }
  const api = components['kube-apiserver'];
  for (const flag of ['--encryption-provider-config', '--audit-policy-file', '--admission-control-config-file']) {
    const v = api?.flags[flag]?.value;
    if (v && v.startsWith('/')) wanted.add(v);
  }
  const etcdData = components.etcd?.flags['--data-dir']?.value;
  if (etcdData) wanted.add(etcdData);
  // Everything under the PKI and CNI folders, one level of subfolders deep (pki/etcd).
  for (const dir of [layout.pkiDir, layout.cniDir]) walk(nfs, dir, 3, wanted);
  // The datastore's files (STIG V-242459/V-242445): etcd keeps member/snap and member/wal below it.
  for (const dir of [layout.files.etcdDataDir, layout.files.dqliteDataDir]) if (dir) walk(nfs, dir, 4, wanted, 5000);
  const out: Record<string, FileFact> = {};
  for (const p of [...wanted].sort()) out[p] = nfs.stat(p);
  return out;
}

function walk(nfs: NodeFs, dir: string, depth: number, into: Set<string>, limit = 10_000) {
  if (!nfs.exists(dir) || into.size >= limit) return;
  into.add(dir);
  if (depth === 0) return;
  for (const name of nfs.list(dir)) {
    if (into.size >= limit) return;
    const p = `${dir}/${name}`;
    into.add(p);
    if (nfs.stat(p).type === 'directory') walk(nfs, p, depth - 1, into, limit);
  }
}

function readPki(nfs: NodeFs, pkiDir: string): { certificates: NodeFacts['certificates']; keys: KeyFacts[] } {
  const certificates: NodeFacts['certificates'] = [];
  const keys: KeyFacts[] = [];
  const files = new Set<string>();
  walk(nfs, pkiDir, 3, files);
  for (const file of [...files].sort()) {
    if (/\.(crt|pem)$/.test(file)) {
      const { text, error } = nfs.read(file);
      if (error !== undefined) {
        if (error !== 'is a directory') certificates.push({ file, error });
        continue;
      }
      if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text ?? '') && !/BEGIN CERTIFICATE/.test(text ?? '')) {
        keys.push(inspectKey(file, text ?? ''));
        continue;
      }
      try {
        certificates.push(...inspectCertificates(file, text ?? ''));
      } catch (err) {
        certificates.push({ file, error: `certificate does not parse: ${(err as Error).message}` });
      }
    } else if (/\.key$/.test(file)) {
      const { text, error } = nfs.read(file);
      keys.push(error !== undefined ? { file, error } : inspectKey(file, text ?? ''));
    }
  }
  return { certificates, keys };
}

function readYamlFile(nfs: NodeFs, file: string): { doc?: any; error?: string } {
  const { text, error } = nfs.read(file);
  if (error !== undefined) return { error };
  try {
    return { doc: loadYaml(text ?? '') };
  } catch (err) {
    return { error: `YAML does not parse: ${(err as Error).message.split('\n')[0]}` };
  }
}

function readEncryption(nfs: NodeFs, api: ComponentFacts | undefined, _files: Record<string, FileFact>): EncryptionFacts {
  const flag = api?.flags['--encryption-provider-config'];
  if (!flag?.value) return { configured: false };
  const facts: EncryptionFacts = { configured: true, file: flag.value, flagLine: flag.line };
  const { doc, error } = readYamlFile(nfs, flag.value);
  if (error !== undefined) return { ...facts, error };
  if (!doc || typeof doc !== 'object' || doc.kind !== 'EncryptionConfiguration' || !Array.isArray(doc.resources)) {
    return { ...facts, error: 'not an EncryptionConfiguration with a resources list' };
  }
  facts.groups = doc.resources.map((g: any) => {
    const providers: any[] = Array.isArray(g?.providers) ? g.providers : [];
    return {
      resources: Array.isArray(g?.resources) ? g.resources.map(String) : [],
      providers: providers.map((p) => (p && typeof p === 'object' ? (Object.keys(p)[0] ?? '?') : '?')),
      kmsApiVersions: providers.filter((p) => p?.kms).map((p) => String(p.kms.apiVersion ?? 'v1')),
    };
  });
  // The first group that names secrets (or everything) decides how secrets are written.
  const group = facts.groups!.find((g) => g.resources.some((r) => r === 'secrets' || r === '*.*' || r === '*.' || r === '*'));
  facts.secretsProviders = group ? group.providers : [];
  return facts;
}

const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

function readAudit(nfs: NodeFs, api: ComponentFacts | undefined, _files: Record<string, FileFact>): AuditFacts {
  const file = api?.flags['--audit-policy-file']?.value;
  if (!file) return {};
  const facts: AuditFacts = { policyFile: file };
  const { doc, error } = readYamlFile(nfs, file);
  if (error !== undefined) return { ...facts, error };
  if (!doc || typeof doc !== 'object' || doc.kind !== 'Policy' || !Array.isArray(doc.rules)) return { ...facts, error: 'not an audit Policy with a rules list' };
  facts.ruleCount = doc.rules.length;
  if (Array.isArray(doc.omitStages)) facts.omitStages = doc.omitStages.map(String);
  // Rules are matched in order; the first that matches a request decides. A rule limited to some
  // users, verbs or namespaces lets later rules decide for the rest, so we keep the worst level.
  let worst = -1;
  let worstRule: number | undefined;
  for (const [i, rule] of (doc.rules as any[]).entries()) {
    if (!rule || typeof rule !== 'object') continue;
    const groups: any[] | undefined = Array.isArray(rule.resources) ? rule.resources : undefined;
    const coversSecrets =
      !groups ||
      groups.some((g) => (g?.group === undefined || g.group === '') && (!Array.isArray(g.resources) || g.resources.length === 0 || g.resources.includes('secrets') || g.resources.includes('*')));
    if (!coversSecrets || Array.isArray(rule.nonResourceURLs)) continue;
    const level = AUDIT_LEVELS.indexOf(String(rule.level));
    if (level > worst) {
      worst = level;
      worstRule = i;
    }
    const conditional = ['users', 'userGroups', 'verbs', 'namespaces'].some((k) => Array.isArray(rule[k]) && rule[k].length > 0);
    if (!conditional) break;
  }
  facts.secretsLevel = worst >= 0 ? AUDIT_LEVELS[worst] : 'None';
  facts.secretsRule = worstRule;
  return facts;
}

const SSH_UNITS = ['ssh.service', 'sshd.service', 'ssh.socket'];

function readSsh(nfs: NodeFs, live: boolean): NodeFacts['ssh'] {
  const wants = '/etc/systemd/system/multi-user.target.wants';
  const sockets = '/etc/systemd/system/sockets.target.wants';
  const out: NodeFacts['ssh'] = {};
  if (nfs.exists(wants) || nfs.exists(sockets)) {
    const link = SSH_UNITS.flatMap((u) => [`${wants}/${u}`, `${sockets}/${u}`]).find((p) => nfs.exists(p));
    out.enabled = link !== undefined;
    out.evidence = link ?? `no ssh unit linked in ${wants} or ${sockets}`;
  }
  if (live) {
    out.running = nfs.list('/proc').some((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        return path.basename(fs.readFileSync(nfs.real(`/proc/${pid}/comm`), 'utf8').trim()) === 'sshd';
      } catch {
        return false;
      }
    });
  }
  return out;
}

function readFips(nfs: NodeFs): NodeFacts['fips'] {
  const { text } = nfs.read('/proc/sys/crypto/fips_enabled');
  if (text === undefined) return {};
  return { kernel: text.trim() === '1', source: '/proc/sys/crypto/fips_enabled' };
}

function readSnap(nfs: NodeFs, live: boolean): SnapFacts {
  const snap: SnapFacts = {};
  try {
    snap.revision = fs.readlinkSync(nfs.real('/snap/k8s/current'));
  } catch {
    // Not a live snap tree: the revision may still come from saved `snap list` output below.
  }
  const meta = readYamlFile(nfs, '/snap/k8s/current/meta/snap.yaml');
  if (meta.doc && typeof meta.doc === 'object') {
    snap.version = meta.doc.version !== undefined ? String(meta.doc.version) : undefined;
    snap.confinement = meta.doc.confinement;
    snap.grade = meta.doc.grade;
  }
  const bom = nfs.read('/snap/k8s/current/bom.json');
  if (bom.text !== undefined) {
    try {
      const doc = JSON.parse(bom.text);
      const components: Record<string, string> = {};
      for (const [name, c] of Object.entries<any>(doc?.components ?? {})) if (c && typeof c.version === 'string') components[name] = c.version;
      snap.bom = { k8sVersion: typeof doc?.k8s?.version === 'string' ? doc.k8s.version : undefined, components };
    } catch (err) {
      snap.bomError = `bom.json does not parse: ${(err as Error).message}`;
    }
  } else if (bom.error !== 'not found') snap.bomError = bom.error;
  // `snap info k8s` / `snap list k8s` output: run on a live node, else read where a collection
  // script saved it beside the tree (see docs/node.md).
  const info = live ? runSnap(nfs, ['info', '--abs-time', 'k8s']) : nfs.read(SNAP_INFO_FILE).text;
  if (info) applySnapInfo(snap, info);
  const list = live ? runSnap(nfs, ['list']) : nfs.read(SNAP_LIST_FILE).text;
  if (list) applySnapList(snap, list);
  return snap;
}

export const SNAP_INFO_FILE = '/var/lib/rampart/snap-info.txt';
export const SNAP_LIST_FILE = '/var/lib/rampart/snap-list.txt';

function runSnap(nfs: NodeFs, args: string[]): string | undefined {
  if (nfs.root !== '/' || !nfs.exists('/usr/bin/snap')) return undefined;
  try {
    return execFileSync('/usr/bin/snap', args, { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** `snap info k8s`: `tracking:`, `refresh-date:`, `hold:` and the `installed:` line. */
export function applySnapInfo(snap: SnapFacts, text: string): void {
  for (const line of text.split('\n')) {
    const m = /^([a-z-]+):\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, key, value] = m;
    if (key === 'tracking') snap.tracking = value!.trim();
    else if (key === 'refresh-date') snap.refreshDate = value!.trim();
    else if (key === 'hold') snap.held = value!.trim() !== '' ? true : snap.held;
    else if (key === 'installed') {
      const inst = /^(\S+)\s+\((\d+|x\d+)\)\s+\S+\s*(\S*)/.exec(value!.trim());
      if (inst) {
        snap.version ??= inst[1];
        snap.revision ??= inst[2];
        snap.notes = inst[3] || snap.notes;
        if ((inst[3] ?? '').split(',').includes('held')) snap.held = true;
        if ((inst[3] ?? '').split(',').includes('classic')) snap.confinement ??= 'classic';
      }
    }
  }
}

/** `snap list`: Name Version Rev Tracking Publisher Notes (the k8s row, and core22 for FIPS). */
export function applySnapList(snap: SnapFacts, text: string): void {
  const core = text.split('\n').find((l) => /^core22\s/.test(l));
  if (core) snap.core22Tracking = core.trim().split(/\s+/)[3];
  const row = text.split('\n').find((l) => /^k8s\s/.test(l));
  if (!row) return;
  const [, version, rev, tracking, , notes] = row.trim().split(/\s+/);
  snap.version ??= version;
  snap.revision ??= rev;
  snap.tracking ??= tracking;
  snap.notes ??= notes;
  if ((notes ?? '').split(',').includes('held')) snap.held = true;
  if ((notes ?? '').split(',').includes('classic')) snap.confinement ??= 'classic';
}

function kubernetesVersion(facts: NodeFacts): NodeFacts['kubernetesVersion'] {
  const bomVersion = facts.snap?.bom?.components.kubernetes;
  if (bomVersion) return { version: bomVersion, source: '/snap/k8s/current/bom.json' };
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const) {
    const v = facts.components[c]?.version;
    if (v) return { version: v, source: `${facts.components[c]!.configFile} (image ${facts.components[c]!.image})` };
  }
  return undefined;
}
