import { Option, type Command } from 'commander';
import { emitReport } from '../common.js';
import { UserError } from '../errors.js';
import { toolVersion } from '../version.js';
import { addImageOptions, imageReadOptions, type ImageFlags } from './image.js';

export function register(program: Command): void {
  const cmd = program
    .command('sbom')
    .summary('write a software bill of materials (CycloneDX or SPDX) of an image')
    .description('List the packages of one or more images as a CycloneDX 1.6 or SPDX 2.3 JSON document, each with its purl.')
    .argument('<images...>', 'OCI layout directories, archive files or registry references');
  addImageOptions(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'SBOM format').choices(['cyclonedx', 'spdx']).default('cyclonedx'))
    .option('-o, --output <file>', 'write to a file instead of standard output');
  cmd.addHelpText('after', '\nExamples:\n  rampart sbom ./image --format cyclonedx -o sbom.cdx.json\n  rampart sbom app.tar --format spdx');
  cmd.action(async (refs: string[], flags: ImageFlags & { format: string; output?: string }) => {
    const { scanImages } = await import('../../image-scan.js');
    const report = await scanImages(refs, { ...imageReadOptions(flags), db: false, version: toolVersion() });
    const failed = report.diagnostics.filter((d) => d.level === 'error');
    const images = (report.extensions?.images as unknown[] | undefined) ?? [];
    if (images.length === 0) throw new UserError(failed.map((d) => d.message).join('\n') || 'no image could be read');
    for (const d of failed) process.stderr.write(`rampart: ${d.message}\n`);
    await emitReport(report, { format: flags.format, output: flags.output });
    process.exitCode = failed.length ? 2 : 0;
  });
}
