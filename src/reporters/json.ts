import type { Reporter } from './index.js';

export const jsonReporter: Reporter = {
  description: 'the full report as JSON (schema: schemas/report.schema.json)',
  extension: 'json',
  render(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
};
