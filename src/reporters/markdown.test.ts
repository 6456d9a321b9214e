import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { buildFixtureReport } from './fixtures/report-fixture.js';
import { escapeCell, MAX_MARKDOWN_CHARS, renderMarkdown } from './markdown.js';

const md = renderMarkdown(buildFixtureReport());

describe('Markdown reporter', () => {
  it('opens with a verdict and a summary table of open findings by severity', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Rampart: ⛔ input errors');
    expect(md).toContain('Scanned 4 files, 6 resources with 3 rules');
    expect(md).toContain('| Severity | Open |\n| --- | ---: |\n| 🟣 critical | 2 |\n| 🔴 high | 1 |\n| 🟠 medium | 2 |\n| 🔵 low | 0 |\n| ⚪ info | 0 |\n| waived | 2 |');
  });

  it('groups open findings by resource with line, field, message and fix', () => {
    const web = md.slice(md.indexOf('#### Deployment shop/web'));
    expect(web.split('\n')[0]).toBe('#### Deployment shop/web — `apps/web.yaml`');
    expect(web).toContain('| 🟠 medium | `image-tag-mutable` | 14 | `spec.template.spec.containers[0].image` | Container "web" uses image "nginx:latest" with the mutable tag "latest"<br>*Fix:* Use a specific version tag, and better still pin the image by digest. |');
    // Markup in a message is neutralised: `<car>` is not an HTML tag and `|` does not split the cell.
    expect(web).toContain('side&lt;car&gt;');
    expect(md).toContain('#### StatefulSet shop/db');
    expect(md).toContain('| 🔴 high | `fixture-privileged` | 13 |');
    expect(md).toContain('🟣 critical (rule error)');
  });

  it('folds waived findings and input problems, and warns about expired exceptions', () => {
    expect(md).toMatch(/<details><summary>2 waived findings<\/summary>[\s\S]*database image is pinned by the operator \(config, until 2999-01-01\)/);
    expect(md).toMatch(/<details open><summary>1 input problem<\/summary>[\s\S]*- \*\*error\*\* `apps\/broken.yaml:4:1` unexpected end of the stream/);
    expect(md).toContain('> ⚠️ The exception for `fixture-privileged` at `.rampart.yaml:7` expired on 2020-06-30');
  });

  it('keeps table cells in one piece', () => {
    expect(escapeCell('a | b\nc <d> `e`')).toBe('a \\| b c &lt;d&gt; \\`e\\`');
  });

  it('stays under the size of a GitHub comment, saying that it was cut', () => {
    const report = buildFixtureReport();
    const one = report.findings.find((f) => f.ruleId === 'image-tag-mutable' && !f.waiver)!;
    report.findings = Array.from({ length: 3000 }, (_, i): Finding => ({ ...one, resource: { ...one.resource, name: `web-${i}` } }));
    const out = renderMarkdown(report);
    expect(out.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS + 300);
    expect(out).toContain('truncated to fit a comment: 3000 findings in total');
  });
});
