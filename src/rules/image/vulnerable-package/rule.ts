import { defineRule } from '../../../core/rule.js';
import { isObject } from '../../../core/workload.js';

export default defineRule({
  id: 'image-vulnerable-package',
  title: 'Image contains a package with a known vulnerability',
  severity: 'high',
  area: 'image',
  target: 'resource',
  kinds: ['ImageContents'],
  description:
    'A package in the image is in a version that an advisory (OSV: distribution, Go, GitHub advisories) lists as affected. Each finding names the advisory, its aliases, the installed and fixed versions, the file that proves the package is there, and a severity computed from the advisory\'s CVSS v3 vector where it has one.',
  remediation: 'Rebuild the image on an updated base image or with the package upgraded to the fixed version; when no fix exists, assess the exposure and record an exception with a justification and an expiry.',
  references: ['https://ossf.github.io/osv-schema/'],
  messages: {
    fixable: '{{pkg}} {{version}} is affected by {{id}}{{aliases}}; fixed in {{fixed}}',
    unfixed: '{{pkg}} {{version}} is affected by {{id}}{{aliases}}; no fixed version yet',
    partial: '{{pkg}} {{version}} is listed by {{id}}{{aliases}}, but the package is only partly present: {{why}}',
  },
  check({ object, report }) {
    const vulns = Array.isArray(object.vulnerabilities) ? object.vulnerabilities : [];
    vulns.forEach((v: any, i: number) => {
      if (!isObject(v) || !isObject(v.package)) return;
      const aliases = Array.isArray(v.aliases) && v.aliases.length ? ` (${v.aliases.join(', ')})` : '';
      const data = { pkg: v.package.name, version: v.package.version, id: v.id, aliases, fixed: v.fixedVersion, why: v.partial };
      const evidence = {
        id: v.id,
        aliases: v.aliases ?? [],
        package: v.package.name,
        purl: v.package.purl,
        installedVersion: v.package.version,
        matchedOn: v.matchedOn,
        fixedVersion: v.fixedVersion ?? null,
        location: v.package.location,
        ...(v.score !== undefined ? { cvssScore: v.score, cvssVector: v.vector } : {}),
        severitySource: v.severitySource,
      };
      const options = {
        path: ['vulnerabilities', i],
        severity: v.severity,
        evidence,
        properties: { vulnerabilityId: v.id, ...(v.url ? { advisory: v.url } : {}) },
        remediation: v.fixedVersion ? `Upgrade ${v.package.name} to ${v.fixedVersion} or later (rebuild the image on an updated base).` : undefined,
      };
      if (v.partial) report('partial', data, { ...options, status: 'warn' });
      else report(v.fixedVersion ? 'fixable' : 'unfixed', data, options);
    });
  },
});
