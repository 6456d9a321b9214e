import type { Command } from 'commander';
import type { ImageReportEntry } from '../../collectors/image/resource.js';
import { addConfigOption, addOutputOptions, emitReport, exitCodeFor, loadConfigFor, type ConfigFlags, type OutputFlags } from '../common.js';
import { stderr } from '../io.js';
import { toolVersion } from '../version.js';

export interface ImageFlags {
  platform?: string;
  insecure?: boolean;
  db?: string;
  vulns?: boolean;
  cache?: boolean;
  timeout?: string;
}

/** Options every image-reading command shares. */
export function addImageOptions(cmd: Command): Command {
  return cmd
    .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform image (default linux/amd64)')
    .option('--insecure', 'plain HTTP for a registry on localhost')
    .option('--timeout <ms>', 'registry request timeout in milliseconds (default 30000)')
    .option('--no-cache', 'do not reuse or store inventories cached by image digest');
}

export function imageReadOptions(flags: ImageFlags) {
  const timeoutMs = flags.timeout !== undefined ? Number(flags.timeout) : undefined;
  return {
    platform: flags.platform,
    registry: { insecure: flags.insecure, ...(timeoutMs && timeoutMs > 0 ? { timeoutMs } : {}) },
    ...(flags.cache === false ? { cacheDir: false as const } : {}),
  };
}

export function register(program: Command): void {
  const cmd = program
    .command('image')
    .summary('scan container images: packages, known vulnerabilities, age, config')
    .description(
      `Read container images without running anything from them, list their packages (dpkg, distroless
status.d, chisel rocks, apk, Go binaries, npm, Python) and check them: known vulnerabilities from the
offline OSV database (see rampart db), end-of-life OS, age, root user, credentials in the config
environment, registry allow-list, tags without digest.

An image is an OCI layout directory (optionally dir:tag), a docker-archive or OCI archive tarball
(.tar or .tar.gz), or a registry reference (anonymous, or with docker config.json credentials).`,
    )
    .argument('<images...>', 'OCI layout directories, archive files or registry references');
  addImageOptions(cmd);
  cmd.option('--db <file>', 'vulnerability database (default RAMPART_DB or ~/.cache/rampart/vuln.db)').option('--no-vulns', 'skip vulnerability matching');
  addOutputOptions(cmd);
  addConfigOption(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  rampart image ./image-oci-layout/
  rampart image app.tar.gz --format json -o image.json
  rampart image registry.example.com/team/app:1.4 --fail-on high
  rampart image ./layout --format cyclonedx -o sbom.cdx.json`,
  );
  cmd.action(async (refs: string[], flags: ImageFlags & OutputFlags & ConfigFlags) => {
    const { config, diagnostics } = await loadConfigFor(flags, '.');
    const { scanImages } = await import('../../image-scan.js');
    const report = await scanImages(refs, {
      ...imageReadOptions(flags),
      config,
      db: flags.vulns === false ? false : flags.db,
      version: toolVersion(),
      onImage: (ref, i, n) => {
        if (n > 1 && process.stderr.isTTY) stderr(`reading ${ref} (${i + 1}/${n})`);
      },
    });
    report.diagnostics.unshift(...diagnostics);
    await emitReport(report, flags);
    if (!flags.output && (!flags.format || flags.format === 'table')) {
      // One line per image on stderr, so that a table on stdout stays clean for pipes.
      for (const img of (report.extensions?.images ?? []) as ImageReportEntry[]) {
        const os = img.os ? `${img.os.prettyName ?? img.os.id}, ` : '';
        const vulns = img.vulnerabilityDb.matched ? `${img.vulnerabilities.length} known vulnerabilities` : 'vulnerabilities not checked';
        stderr(`${img.ref}: ${os}${img.packages.length} packages, ${vulns} (${img.stats.fromCache ? 'from cache' : `${img.stats.durationMs} ms`})`);
      }
    }
    process.exitCode = exitCodeFor(report, (flags.failOn ?? config.failOn ?? 'low') as never);
  });
}
