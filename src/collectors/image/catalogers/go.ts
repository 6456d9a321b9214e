import { goToolchainToSemver } from '../../../vuln/versions/go.js';
import { makePurl } from './purl.js';
import type { Cataloger, ImagePackage } from './types.js';

/**
 * Go packages from the build info of every Go binary: the standard library at the binary's Go
 * version (as `stdlib`, the name the Go vulnerability database uses), the main module and each
 * dependency (its replacement, when the build replaced it).
 */
export const goCataloger: Cataloger = {
  name: 'go-binary',
  wants: () => false,
  catalog(ctx) {
    const out: ImagePackage[] = [];
    for (const [path, info] of [...ctx.fs.goBinaries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const std = goToolchainToSemver(info.goVersion);
      if (std) out.push({ type: 'golang', name: 'stdlib', version: std, purl: makePurl('golang', 'stdlib', std), ecosystem: 'Go', location: path, cataloger: 'go-binary' });
      if (info.main?.path) {
        const v = info.main.version;
        out.push({
          type: 'golang',
          name: info.main.path,
          version: v,
          purl: makePurl('golang', info.main.path, v === '(devel)' ? undefined : v),
          ecosystem: 'Go',
          location: path,
          cataloger: 'go-binary',
          isMainModule: true,
        });
      }
      for (const dep of info.deps) {
        const m = dep.replace?.version ? dep.replace : dep;
        out.push({ type: 'golang', name: m.path, version: m.version, purl: makePurl('golang', m.path, m.version), ecosystem: 'Go', location: path, cataloger: 'go-binary' });
      }
    }
    return out;
  },
};
