// The webhook under load, in its own process so that the load generator does not share its core.
// Prints its URL on stdout, serves until killed. With FLOOR=1 it answers a constant instead (the floor).
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { generateWebhookCerts } from '../dist/enforce/certs.js';
import { defaultAdmissionPolicy } from '../dist/enforce/admission.js';
import { startAdmissionServer } from '../dist/server/admission/server.js';
import { builtinRules } from '../dist/rules/index.js';

const certs = await generateWebhookCerts('rampart-admission', 'rampart', 1);
if (process.env.FLOOR === '1') {
  const answer = readFileSync(new URL('../test/fixtures/admission/pod-create.json', import.meta.url));
  const server = https.createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`https://127.0.0.1:${server.address().port}`));
} else {
  const rules = builtinRules.filter((r) => r.area === 'pss' || r.area === 'workload');
  const server = await startAdmissionServer({
    context: { rules, policy: defaultAdmissionPolicy(), settings: { pssLevel: 'restricted' } },
    tls: { cert: certs.cert, key: certs.key },
    port: 0,
  });
  console.log(`${server.url} ${rules.length}`);
}
