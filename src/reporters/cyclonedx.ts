import { randomUUID } from 'node:crypto';
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { ImageReportEntry } from '../collectors/image/resource.js';
import { imageName, imagesOfReport } from './images.js';
import type { Reporter } from './index.js';
import type { Report } from './report.js';

function packageComponent(img: ImageReportEntry, i: number, imageIndex: number): CDX.Models.Component {
  const p = img.packages[i]!;
  const c = new CDX.Models.Component(p.isMainModule ? CDX.Enums.ComponentType.Application : CDX.Enums.ComponentType.Library, p.name, {
    // The same purl can appear more than once (Go's stdlib in each binary): the ref also names where.
    bomRef: `image-${imageIndex}:${p.purl}#${p.location}`,
    ...(p.version ? { version: p.version } : {}),
    purl: p.purl,
  });
  c.properties.add(new CDX.Models.Property('rampart:package:type', p.type));
  c.properties.add(new CDX.Models.Property('rampart:package:location', p.location));
  c.properties.add(new CDX.Models.Property('rampart:package:cataloger', p.cataloger));
  if (p.ecosystem) c.properties.add(new CDX.Models.Property('rampart:package:ecosystem', p.ecosystem));
  if (p.sourceName) c.properties.add(new CDX.Models.Property('rampart:package:sourceName', p.sourceName));
  if (p.sourceVersion) c.properties.add(new CDX.Models.Property('rampart:package:sourceVersion', p.sourceVersion));
  if (p.chisel) c.properties.add(new CDX.Models.Property('rampart:package:chiselSlices', p.chisel.slices.join(',')));
  for (const l of p.licenses ?? []) c.licenses.add(new CDX.Models.NamedLicense(l));
  return c;
}

function imageComponent(img: ImageReportEntry, index: number): CDX.Models.Component {
  const c = new CDX.Models.Component(CDX.Enums.ComponentType.Container, imageName(img), {
    bomRef: `image-${index}`,
    version: img.digest ?? img.configDigest,
  });
  if (img.tag) c.properties.add(new CDX.Models.Property('rampart:image:tag', img.tag));
  c.properties.add(new CDX.Models.Property('rampart:image:configDigest', img.configDigest));
  if (img.os) c.properties.add(new CDX.Models.Property('rampart:image:os', img.os.prettyName ?? `${img.os.id} ${img.os.versionId ?? ''}`.trim()));
  if (img.created) c.properties.add(new CDX.Models.Property('rampart:image:created', img.created));
  return c;
}

/** CycloneDX 1.6 JSON, built and serialised with the CycloneDX project's own library. */
export function renderCycloneDx(report: Report): string {
  const images = imagesOfReport(report, 'cyclonedx');
  const bom = new CDX.Models.Bom();
  bom.serialNumber = `urn:uuid:${randomUUID()}`;
  bom.metadata.timestamp = new Date(report.generatedAt);
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'rampart', { version: report.tool.version }));
  images.forEach((img, n) => {
    const container = imageComponent(img, n);
    const parts = img.packages.map((_, i) => packageComponent(img, i, n));
    if (images.length === 1) {
      bom.metadata.component = container;
      for (const p of parts) bom.components.add(p);
    } else {
      for (const p of parts) container.components.add(p);
      bom.components.add(container);
    }
    for (const p of parts) container.dependencies.add(p.bomRef);
  });
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return `${serializer.serialize(bom, { space: 2, sortLists: false })}\n`;
}

export const cyclonedxReporter: Reporter = {
  description: 'CycloneDX 1.6 JSON SBOM of the scanned images (rampart sbom, rampart image)',
  extension: 'cdx.json',
  render: renderCycloneDx,
};
