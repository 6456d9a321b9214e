import type { ImageReportEntry } from '../collectors/image/resource.js';
import { UserError } from '../cli/errors.js';
import type { Report } from './report.js';

/** The image inventories a report carries (`extensions.images`); SBOM formats need at least one. */
export function imagesOfReport(report: Report, format: string): ImageReportEntry[] {
  const images = report.extensions?.images;
  if (!Array.isArray(images) || images.length === 0) {
    throw new UserError(`the ${format} format is an SBOM and needs image contents; use it with rampart sbom or rampart image (or scan --images)`);
  }
  return images as ImageReportEntry[];
}

/** Short, human name of an image for SBOM documents. */
export function imageName(img: ImageReportEntry): string {
  if (img.registry && img.repository) return `${img.registry}/${img.repository}`;
  if (img.repoTags?.[0]) return img.repoTags[0].replace(/:[^:/]+$/, '');
  // A layout or archive on disk: its file name, not the whole path of the machine that scanned it.
  return img.ref.replace(/\/+$/, '').split('/').pop()!.replace(/\.(tar|tar\.gz|tgz)$/, '') || img.ref;
}
