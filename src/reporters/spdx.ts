import { createHash } from 'node:crypto';
import type { ImageReportEntry } from '../collectors/image/resource.js';
import { imageName, imagesOfReport } from './images.js';
import type { Reporter } from './index.js';
import type { Report } from './report.js';

/** SPDX identifiers allow letters, digits, `.` and `-` only. */
function spdxId(...parts: string[]): string {
  return `SPDXRef-${parts.join('-').replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: string;
  primaryPackagePurpose: string;
  sourceInfo?: string;
  comment?: string;
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  checksums?: { algorithm: string; checksumValue: string }[];
}

/**
 * SPDX 2.3 JSON. No maintained JavaScript library writes SPDX 2.3 JSON from a model, so the
 * document is built here directly and checked against the official schema in the tests.
 */
export function renderSpdx(report: Report): string {
  const images = imagesOfReport(report, 'spdx');
  const packages: SpdxPackage[] = [];
  const relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] = [];
  const describes: string[] = [];
  images.forEach((img: ImageReportEntry, n) => {
    const imageId = spdxId('Image', String(n));
    describes.push(imageId);
    const digest = (img.digest ?? img.configDigest).replace(/^sha256:/, '');
    const image: SpdxPackage = {
      SPDXID: imageId,
      name: imageName(img),
      versionInfo: img.digest ?? img.configDigest,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'CONTAINER',
      comment: `image ${img.ref}${img.os ? `, ${img.os.prettyName ?? img.os.id}` : ''}`,
    };
    if (/^[a-f0-9]{64}$/.test(digest)) image.checksums = [{ algorithm: 'SHA256', checksumValue: digest }];
    packages.push(image);
    img.packages.forEach((p, i) => {
      const id = spdxId('Package', String(n), String(i), p.type, p.name);
      const pkg: SpdxPackage = {
        SPDXID: id,
        name: p.name,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: p.isMainModule ? 'APPLICATION' : 'LIBRARY',
        comment: `found in ${p.location} by the ${p.cataloger} cataloger`,
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
      };
      if (p.version) pkg.versionInfo = p.version;
      if (p.sourceName && (p.sourceName !== p.name || p.sourceVersion !== p.version)) pkg.sourceInfo = `built from source package ${p.sourceName} ${p.sourceVersion ?? ''}`.trim();
      packages.push(pkg);
      relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
    });
  });
  for (const d of describes) relationships.unshift({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: d });
  const name = images.length === 1 ? imageName(images[0]!) : `${images.length} images`;
  const unique = createHash('sha256')
    .update(images.map((i) => i.digest ?? i.configDigest).join(','))
    .update(report.generatedAt)
    .digest('hex')
    .slice(0, 32);
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://rampart.dev/spdx/${encodeURIComponent(name)}-${unique}`,
    creationInfo: { created: report.generatedAt.replace(/\.\d+Z$/, 'Z'), creators: [`Tool: rampart-${report.tool.version}`] },
    documentDescribes: describes,
    packages,
    relationships,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const spdxReporter: Reporter = {
  description: 'SPDX 2.3 JSON SBOM of the scanned images (rampart sbom, rampart image)',
  extension: 'spdx.json',
  render: renderSpdx,
};
