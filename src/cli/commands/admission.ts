import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addConfigOption, loadConfigFor, splitList, type ConfigFlags } from '../common.js';
import { UserError } from '../errors.js';
import { stderr } from '../io.js';

interface ServeFlags extends ConfigFlags {
  host: string;
  port: string;
  tlsCert?: string;
  tlsKey?: string;
  customRules?: string[];
  maxBodyBytes?: string;
  pssLevel?: 'privileged' | 'baseline' | 'restricted';
}

/** Loads the rules, exceptions and admission policy shared by `admission serve` and `serve --admission`. */
export async function admissionContextFromFlags(flags: ServeFlags) {
  const { config, diagnostics } = await loadConfigFor(flags, process.cwd());
  const { admissionPolicyFromConfig } = await import('../../enforce/policy-config.js');
  const { policy, diagnostics: policyDiagnostics } = admissionPolicyFromConfig(config.extra.admission, config.file);
  const problems = [...diagnostics, ...policyDiagnostics].filter((d) => d.level === 'error');
  if (problems.length) throw new UserError(problems.map((d) => d.message).join('\n'));
  const { evaluateRules } = await import('../custom-rules.js');
  const rules = await evaluateRules(config, splitList(flags.customRules));
  return {
    rules,
    policy,
    exceptions: config.exceptions,
    settings: { ...(config.pss?.level ? { pssLevel: config.pss.level } : {}), ...(flags.pssLevel ? { pssLevel: flags.pssLevel } : {}), ...(config.pss?.version ? { pssVersion: config.pss.version } : {}) },
  };
}

export function register(program: Command): void {
  const admission = program
    .command('admission')
    .summary('validating admission webhook: serve it, make its certificates')
    .description('Guard the cluster at the door with the same rules `rampart scan` uses.');
  const serve = admission
    .command('serve')
    .description(
      `Serve the validating admission webhook (AdmissionReview admission.k8s.io/v1) on POST /validate, with
/healthz, /readyz and /metrics. Modes per namespace or label selector (enforce, warn, audit),
exemptions and exceptions come from .rampart.yaml (section admission:).`,
    )
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port', '8443')
    .option('--tls-cert <file>', 'PEM serving certificate (see rampart admission certs)')
    .option('--tls-key <file>', 'PEM private key')
    .option('--custom-rules <path>', 'file or folder with CelRule documents; repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--max-body-bytes <n>', 'largest AdmissionReview accepted', String(3 * 1024 * 1024))
    .option('--pss-level <level>', 'Pod Security level to enforce');
  addConfigOption(serve);
  serve.action(async (flags: ServeFlags) => {
    if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new UserError('--tls-cert and --tls-key go together');
    const context = await admissionContextFromFlags(flags);
    const tls = flags.tlsCert && flags.tlsKey ? { cert: await readOrFail(flags.tlsCert), key: await readOrFail(flags.tlsKey) } : undefined;
    if (!tls) stderr('rampart: no --tls-cert/--tls-key: serving plain HTTP (the API server needs HTTPS; use this only behind TLS termination or for testing)');
    const { startAdmissionServer } = await import('../../server/admission/server.js');
    const server = await startAdmissionServer({
      context,
      tls,
      host: flags.host,
      port: Number(flags.port),
      maxBodyBytes: Number(flags.maxBodyBytes),
    });
    stderr(`rampart: admission webhook listening on ${server.url}/validate with ${context.rules.length} rules`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        stderr('rampart: shutting down (finishing requests in flight)');
        void server.close().then(resolve);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
  });
  admission
    .command('certs')
    .description('generate a CA, a serving certificate and key for the webhook Service, and the ValidatingWebhookConfiguration with its caBundle')
    .option('-n, --namespace <ns>', 'namespace of the webhook Service', 'rampart')
    .option('--service <name>', 'name of the webhook Service', 'rampart-admission')
    .option('--days <n>', 'validity in days', '365')
    .option('--failure-policy <policy>', 'Fail (closed) or Ignore (open)', 'Fail')
    .option('--timeout-seconds <n>', 'API server timeout for the webhook call (1-30)', '5')
    .requiredOption('-o, --output-dir <dir>', 'folder for ca.crt, tls.crt, tls.key and webhook.yaml')
    .action(async (flags: { namespace: string; service: string; days: string; failurePolicy: string; timeoutSeconds: string; outputDir: string }) => {
      if (flags.failurePolicy !== 'Fail' && flags.failurePolicy !== 'Ignore') throw new UserError('--failure-policy must be Fail or Ignore');
      const timeout = Number(flags.timeoutSeconds);
      if (!(timeout >= 1 && timeout <= 30)) throw new UserError('--timeout-seconds must be between 1 and 30');
      const { generateWebhookCerts, webhookConfiguration } = await import('../../enforce/certs.js');
      const { dump } = await import('js-yaml');
      const certs = await generateWebhookCerts(flags.service, flags.namespace, Number(flags.days));
      await fs.mkdir(flags.outputDir, { recursive: true });
      await fs.writeFile(path.join(flags.outputDir, 'ca.crt'), certs.caCert);
      await fs.writeFile(path.join(flags.outputDir, 'tls.crt'), certs.cert);
      await fs.writeFile(path.join(flags.outputDir, 'tls.key'), certs.key, { mode: 0o600 });
      const config = webhookConfiguration({
        service: flags.service,
        namespace: flags.namespace,
        caCert: certs.caCert,
        failurePolicy: flags.failurePolicy,
        timeoutSeconds: timeout,
      });
      await fs.writeFile(path.join(flags.outputDir, 'webhook.yaml'), dump(config, { lineWidth: -1 }));
      stderr(`rampart: wrote ca.crt, tls.crt, tls.key (mode 600) and webhook.yaml to ${flags.outputDir}; valid until ${certs.notAfter.toISOString().slice(0, 10)}`);
    });
}

async function readOrFail(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
