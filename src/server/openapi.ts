import { SEVERITIES, STATUSES } from '../core/types.js';

const idParam = { name: 'id', in: 'path', required: true, description: 'Scan id (see GET /api/scans).', schema: { type: 'integer', minimum: 1 } };
const err = { description: 'Bad parameters; the body says which.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const notFound = { description: 'No such scan or finding.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });

/** The API's OpenAPI 3.0 document, served at /api/openapi.json. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Rampart dashboard API',
      version: '1.0.0',
      description:
        'Read-only access to stored scans: clusters, scans, findings with filters, framework results, waivers, score trends and diffs. Every endpoint but this document needs the access token, as `Authorization: Bearer <token>` or the `rampart_token` cookie. Bad parameters give 400 with `{ "error": "…" }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Cluster: {
          type: 'object',
          properties: { cluster: { type: 'string' }, scans: { type: 'integer' }, lastScanId: { type: 'integer' }, lastScanAt: { type: 'string', format: 'date-time' }, lastFindings: { type: 'integer' } },
        },
        Score: {
          type: 'object',
          properties: { framework: { type: 'string' }, name: { type: 'string' }, score: { type: 'number', nullable: true }, pass: { type: 'integer' }, fail: { type: 'integer' }, waived: { type: 'integer' }, manual: { type: 'integer' } },
        },
        Scan: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            cluster: { type: 'string' },
            targetKind: { type: 'string' },
            target: { type: 'string' },
            generatedAt: { type: 'string', format: 'date-time' },
            storedAt: { type: 'string', format: 'date-time' },
            toolVersion: { type: 'string' },
            resources: { type: 'integer' },
            findings: { type: 'integer', description: 'Open findings (failed, warned or errored, not waived).' },
            bySeverity: { type: 'object', additionalProperties: { type: 'integer' } },
            waived: { type: 'integer' },
            scores: { type: 'array', items: { $ref: '#/components/schemas/Score' } },
          },
        },
        FindingRow: {
          type: 'object',
          properties: {
            fingerprint: { type: 'string' },
            ruleId: { type: 'string' },
            severity: { type: 'string', enum: [...SEVERITIES] },
            status: { type: 'string', enum: [...STATUSES] },
            waived: { type: 'boolean' },
            kind: { type: 'string' },
            namespace: { type: 'string' },
            name: { type: 'string' },
            message: { type: 'string' },
            file: { type: 'string', nullable: true },
            line: { type: 'integer', nullable: true },
          },
        },
        TrendPoint: {
          type: 'object',
          properties: { scanId: { type: 'integer' }, generatedAt: { type: 'string' }, framework: { type: 'string' }, score: { type: 'number', nullable: true }, findings: { type: 'integer' } },
        },
      },
    },
    paths: {
      '/api/clusters': { get: { summary: 'Clusters with stored scans and their latest scan', responses: { 200: json({ type: 'array', items: { $ref: '#/components/schemas/Cluster' } }) } } },
      '/api/scans': {
        get: {
          summary: 'Stored scans, newest first',
          parameters: [
            { name: 'cluster', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { 200: json({ type: 'array', items: { $ref: '#/components/schemas/Scan' } }), 400: err },
        },
      },
      '/api/scans/{id}': {
        get: { summary: 'One scan: counts, summary, diagnostics, framework scores by section', parameters: [idParam], responses: { 200: json({ $ref: '#/components/schemas/Scan' }), 400: err, 404: notFound } },
      },
      '/api/scans/{id}/findings': {
        get: {
          summary: 'Findings of a scan (passes excluded), most severe first, with filters',
          parameters: [
            idParam,
            { name: 'severity', in: 'query', description: 'Comma-separated severities.', schema: { type: 'string' } },
            { name: 'status', in: 'query', description: 'Comma-separated statuses.', schema: { type: 'string' } },
            { name: 'rule', in: 'query', schema: { type: 'string' } },
            { name: 'namespace', in: 'query', description: 'Exact namespace; empty for cluster-scoped resources.', schema: { type: 'string' } },
            { name: 'kind', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', description: 'Text in the message, resource name or rule id.', schema: { type: 'string', maxLength: 200 } },
            { name: 'waived', in: 'query', schema: { type: 'boolean' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: {
            200: json({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: { $ref: '#/components/schemas/FindingRow' } } } }),
            400: err,
            404: notFound,
          },
        },
      },
      '/api/scans/{id}/findings/{fingerprint}': {
        get: {
          summary: 'One finding in full: evidence, location, remediation, the rule, the controls it decides, other findings on the same resource',
          parameters: [idParam, { name: 'fingerprint', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]+$' } }],
          responses: { 200: json({ type: 'object' }), 400: err, 404: notFound },
        },
      },
      '/api/scans/{id}/frameworks': { get: { summary: 'Framework results of a scan: every control with its status and evidence', parameters: [idParam], responses: { 200: json({ type: 'array', items: { type: 'object' } }), 400: err, 404: notFound } } },
      '/api/scans/{id}/waivers': { get: { summary: 'Exceptions in force or expired, and the findings they waive', parameters: [idParam], responses: { 200: json({ type: 'object' }), 400: err, 404: notFound } } },
      '/api/trend': {
        get: {
          summary: 'Framework scores over time, oldest first',
          parameters: [
            { name: 'cluster', in: 'query', schema: { type: 'string' } },
            { name: 'framework', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } },
          ],
          responses: { 200: json({ type: 'array', items: { $ref: '#/components/schemas/TrendPoint' } }), 400: err },
        },
      },
      '/api/diff': {
        get: {
          summary: 'New, fixed and unchanged findings between two scans, and the score change',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'force', in: 'query', description: 'Compare scans of different clusters.', schema: { type: 'boolean' } },
          ],
          responses: { 200: json({ type: 'object' }), 400: err, 404: notFound },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics (text format 0.0.4)', responses: { 200: { description: 'OK', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    },
  };
}
