import { collectManifests, emptyInventory, type CollectOptions } from './collectors/manifests/collect.js';
import { readImage, type ImageInventory, type ReadImageOptions } from './collectors/image/collect.js';
import { imageResource, type ImageReportEntry } from './collectors/image/resource.js';
import { ImageError } from './collectors/image/walker.js';
import { parseReference } from './collectors/image/registry.js';
import type { RampartConfig } from './config/config.js';
import { containersOf, podTemplateOf } from './core/workload.js';
import type { Diagnostic, Inventory } from './core/types.js';
import { buildReport, type Report } from './reporters/report.js';
import { evaluateInventory, type EvaluateInventoryOptions } from './scan.js';
import { Matcher } from './vuln/match.js';
import { defaultDbPath, VulnDb, VulnDbError } from './vuln/store.js';
import { existsSync } from 'node:fs';

export interface CollectImagesOptions extends ReadImageOptions {
  /** Vulnerability database file; false skips matching. Default: RAMPART_DB or the XDG cache. */
  db?: string | false;
  /** Called as each image is read (for progress on stderr). */
  onImage?: (ref: string, index: number, total: number) => void;
}

/** Reads every image, matches its packages, and returns the report entries and any problems. */
export async function collectImages(refs: readonly string[], options: CollectImagesOptions = {}): Promise<{ entries: ImageReportEntry[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let db: VulnDb | undefined;
  let dbState: ImageReportEntry['vulnerabilityDb'] = { matched: false, reason: 'vulnerability matching was turned off (--no-vulns)' };
  if (options.db !== false) {
    const file = options.db ?? defaultDbPath();
    try {
      db = VulnDb.open(file);
      dbState = { matched: true, path: file, builtAt: db.meta.builtAt, records: Number(db.meta.records ?? 0) };
    } catch (err) {
      if (!(err instanceof VulnDbError)) throw err;
      // A missing database is a warning (the other image checks still run); a broken one is an error.
      diagnostics.push({ level: existsSync(file) ? 'error' : 'warning', code: 'vuln-db-unavailable', message: `vulnerabilities not checked: ${err.message}` });
      dbState = { matched: false, path: file, reason: err.message };
    }
  }
  const matcher = db && new Matcher(db);
  const entries: ImageReportEntry[] = [];
  const byDigest = new Map<string, ImageReportEntry>();
  try {
    for (const [i, ref] of refs.entries()) {
      options.onImage?.(ref, i, refs.length);
      let inv: ImageInventory;
      try {
        inv = await readImage(ref, options);
      } catch (err) {
        if (!(err instanceof ImageError)) throw err;
        diagnostics.push({ level: 'error', code: 'image-unreadable', message: `${ref}: ${err.message}`, file: ref });
        continue;
      }
      for (const d of inv.diagnostics) diagnostics.push({ ...d, message: `${ref}: ${d.message}`, file: d.file ? `${ref}:${d.file}` : ref });
      const key = inv.digest ?? inv.configDigest;
      const entry: ImageReportEntry = { ...inv, vulnerabilities: matcher ? matcher.matchAll(inv.packages) : [], vulnerabilityDb: dbState };
      entries.push(entry);
      if (!byDigest.has(key)) byDigest.set(key, entry);
    }
  } finally {
    db?.close();
  }
  return { entries, diagnostics };
}

/** `.rampart.yaml` `images.allowedRegistries` becomes the option of the registry rule (unless set there). */
export function withImageOptions(config: RampartConfig | undefined): RampartConfig | undefined {
  const allowed = (config?.extra?.images as { allowedRegistries?: unknown } | undefined)?.allowedRegistries;
  if (!config || !Array.isArray(allowed)) return config;
  const id = 'image-registry-not-allowed';
  const rc = config.rules[id] ?? {};
  if (rc.options?.allowedRegistries !== undefined) return config;
  return { ...config, rules: { ...config.rules, [id]: { ...rc, options: { ...rc.options, allowedRegistries: allowed.map(String) } } } };
}

export interface ScanImagesOptions extends CollectImagesOptions, EvaluateInventoryOptions {
  version?: string;
}

function imageInventory(entries: readonly ImageReportEntry[], diagnostics: Diagnostic[]): Inventory {
  const inventory = emptyInventory();
  for (const e of entries) inventory.resources.push(imageResource(e));
  inventory.diagnostics.push(...diagnostics);
  inventory.stats.resources = inventory.resources.length;
  return inventory;
}

function finishReport(inventory: Inventory, entries: ImageReportEntry[], options: ScanImagesOptions, target: { kind: string; inputs: string[] }): Report {
  const config = withImageOptions(options.config);
  const { result, rules } = evaluateInventory(inventory, { ...options, config });
  const report = buildReport(result, rules, {
    version: options.version ?? '0.0.0',
    target,
    settings: { config: options.config?.file, vulnerabilityDb: entries[0]?.vulnerabilityDb.path },
    now: options.settings?.now,
  });
  report.extensions = { ...report.extensions, images: entries };
  return report;
}

/** `rampart image`: reads, catalogues, matches and evaluates the image rules. */
export async function scanImages(refs: readonly string[], options: ScanImagesOptions = {}): Promise<Report> {
  const { entries, diagnostics } = await collectImages(refs, options);
  const selection = options.selection ?? { only: ['image'] };
  return finishReport(imageInventory(entries, diagnostics), entries, { ...options, selection }, { kind: 'image', inputs: [...refs] });
}

/** Every image the workloads of an inventory reference, with who uses it (first seen first). */
export function imagesOf(inventory: Inventory): Map<string, NonNullable<ImageReportEntry['usedBy']>> {
  const out = new Map<string, NonNullable<ImageReportEntry['usedBy']>>();
  for (const r of inventory.resources) {
    const template = podTemplateOf(r);
    if (!template) continue;
    for (const c of containersOf(template.spec)) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      let list = out.get(image);
      if (!list) out.set(image, (list = []));
      list.push({ kind: r.kind, namespace: r.namespace, name: r.name, file: r.source.file, container: String(c.container.name ?? c.index) });
    }
  }
  return out;
}

/**
 * `rampart scan --images`: the manifests and every image they reference, in one report. Images
 * are read once per reference; references that resolve to the same digest are reported once,
 * with every workload that uses them.
 */
export async function scanManifestsAndImages(paths: readonly string[], options: ScanImagesOptions & CollectOptions = {}): Promise<Report> {
  const inventory = await collectManifests(paths, options);
  const used = imagesOf(inventory);
  const refs: string[] = [];
  for (const ref of used.keys()) {
    try {
      parseReference(ref);
      refs.push(ref);
    } catch (err) {
      inventory.diagnostics.push({ level: 'warning', code: 'image-reference-invalid', message: (err as Error).message });
    }
  }
  const { entries, diagnostics } = await collectImages(refs, options);
  const unique = new Map<string, ImageReportEntry>();
  for (const e of entries) {
    const key = e.digest ?? e.configDigest;
    const users = used.get(e.ref) ?? [];
    const seen = unique.get(key);
    if (seen) {
      seen.usedBy = [...(seen.usedBy ?? []), ...users];
      continue;
    }
    e.usedBy = [...users];
    unique.set(key, e);
  }
  const images = [...unique.values()];
  for (const e of images) inventory.resources.push(imageResource(e));
  inventory.diagnostics.push(...diagnostics);
  inventory.stats.resources = inventory.resources.length;
  return finishReport(inventory, images, options, { kind: 'manifests', inputs: [...paths] });
}
