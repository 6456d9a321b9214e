import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { readStdin, stderr, writeOutput } from '../io.js';

/**
 * `rampart rbac who-can | can-i | permissions | paths`: questions about RBAC, answered from the
 * same inputs as `rampart scan` (manifests, folders, `-`, kubectl List / snapshot JSON).
 */

interface CommonFlags {
  format?: string;
  output?: string;
  bootstrap?: boolean;
  namespace?: string;
}

function addCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--no-bootstrap', 'do not add the default roles and bindings of upstream Kubernetes (cluster-admin, admin, edit, view, system:*)');
}

async function loadModel(paths: string[], flags: CommonFlags) {
  const { collectManifests } = await import('../../collectors/manifests/collect.js');
  const { rbacModel } = await import('../../rbac/model.js');
  const inventory = await collectManifests(paths.length ? paths : ['.'], { stdin: readStdin });
  for (const d of inventory.diagnostics) if (d.level === 'error') stderr(`rampart: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`);
  const model = rbacModel(inventory, { bootstrap: flags.bootstrap !== false });
  for (const d of model.diagnostics) stderr(`rampart: ${d.level}: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`);
  const inputError = inventory.diagnostics.some((d) => d.level === 'error');
  return { inventory, model, inputError };
}

function where(w: { kind: string; name: string; namespace?: string; file?: string; line?: number; builtin: boolean }): string {
  const id = `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
  return w.builtin ? `${id} (built-in default)` : w.file ? `${id} (${w.file}${w.line ? `:${w.line}` : ''})` : id;
}

function subjectText(s: { kind: string; name: string; namespace?: string }): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

async function emit(flags: CommonFlags, json: unknown, table: () => string): Promise<void> {
  await writeOutput(flags.output, flags.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : table());
}

export function register(program: Command): void {
  const rbac = program
    .command('rbac')
    .summary('who can do what: who-can, can-i, permissions, escalation paths')
    .description(
      'Answer RBAC questions from manifests or a cluster snapshot, deciding as the API server\'s RBAC authorizer does. ' +
        'The default roles and bindings of upstream Kubernetes are added unless --no-bootstrap. ' +
        'A resource is written as RBAC rules and kubectl write it (pods, pods/exec, deployments.apps, certificatesigningrequests/approval); ' +
        'a slash always introduces a subresource, and a target starting with / is a non-resource URL.',
    )
    .addHelpText(
      'after',
      `
Examples:
  rampart rbac who-can get secrets -n payments ./k8s
  rampart rbac can-i create pods/exec -n prod ./k8s --as system:serviceaccount:ci:deployer
  rampart rbac permissions system:serviceaccount:ci:deployer ./k8s
  rampart rbac paths ./k8s --from Group:developers
  kubectl get roles,rolebindings,clusterroles,clusterrolebindings,sa,ns -A -o yaml | rampart rbac who-can '*' '*' -`,
    );

  addCommon(
    rbac
      .command('who-can')
      .description('every subject allowed to make the request, with the binding and rule that allow it')
      .argument('<verb>', 'get, list, create, update, patch, delete, impersonate, bind, escalate, approve, ...')
      .argument('<resource>', 'resource[/subresource][.group], or a non-resource URL such as /metrics')
      .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
      .option('-n, --namespace <ns>', 'the request is in this namespace (default: cluster-wide, i.e. ClusterRoleBindings only)')
      .option('-A, --all-namespaces', 'also list RoleBindings of every namespace (each grants only in its namespace)')
      .option('--name <name>', 'the request names this object (resourceNames)')
      .option('--group <group>', 'API group of the resource, when it is not built in'),
  ).action(async (verb: string, resource: string, paths: string[], flags: CommonFlags & { allNamespaces?: boolean; name?: string; group?: string }) => {
    const { model, inputError } = await loadModel(paths, flags);
    const { whoCanAnswer } = await import('../../rbac/query.js');
    const a = whoCanAnswer(model, { verb, target: resource, namespace: flags.namespace, name: flags.name, group: flags.group }, flags.allNamespaces);
    for (const w of a.warnings) stderr(`rampart: warning: ${w}`);
    await emit(flags, a, () => {
      const lines = [`who can ${verb} ${resource}${flags.name ? ` named ${flags.name}` : ''} — ${a.scope}`];
      lines.push(`  Group system:masters  (superuser group: allowed before RBAC is asked)`);
      for (const s of a.subjects) {
        lines.push(`  ${subjectText(s.subject)}${s.grantedIn !== '*' ? `  [only in namespace ${s.grantedIn}]` : ''}`);
        lines.push(`      via ${where(s.binding)} → ${where(s.role)} rules[${s.ruleIndex}]: ${s.ruleText}${s.aggregatedFrom ? `  (aggregated from ${where(s.aggregatedFrom)})` : ''}`);
      }
      lines.push(`${a.subjects.length} grant(s)`);
      return `${lines.join('\n')}\n`;
    });
    if (inputError) process.exitCode = EXIT.usage;
  });

  addCommon(
    rbac
      .command('can-i')
      .description('whether an identity may make a request, and which binding and rule allow it (exit 0 yes, 1 no)')
      .argument('<verb>', 'the verb')
      .argument('<resource>', 'resource[/subresource][.group], or a non-resource URL')
      .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
      .requiredOption('--as <user>', 'user name, or system:serviceaccount:<ns>:<name>')
      .option('--as-group <group...>', 'groups of the user (system:authenticated is added as the API server does)')
      .option('-n, --namespace <ns>', 'namespace of the request (default: none, cluster-wide)')
      .option('--name <name>', 'name of the object (resourceNames)')
      .option('--subresource <sub>', 'subresource, as an alternative to resource/subresource')
      .option('--group <group>', 'API group of the resource, when it is not built in'),
  ).action(async (verb: string, resource: string, paths: string[], flags: CommonFlags & { as: string; asGroup?: string[]; name?: string; subresource?: string; group?: string }) => {
    const { model, inputError } = await loadModel(paths, flags);
    const { canIAnswer } = await import('../../rbac/query.js');
    const { identityFor } = await import('../../rbac/authorizer.js');
    const user = identityFor(flags.as, flags.asGroup ?? []);
    const a = canIAnswer(model, user, { verb, target: resource, namespace: flags.namespace, name: flags.name, group: flags.group, subresource: flags.subresource });
    for (const w of a.warnings) stderr(`rampart: warning: ${w}`);
    await emit(flags, a, () => {
      const lines = [a.allowed ? 'yes' : 'no', `  as ${user.name} (groups: ${user.groups.join(', ')})`];
      if (a.superuser) lines.push(`  ${a.reason}`);
      for (const g of a.grants) lines.push(`  allowed by ${where(g.binding)} → ${where(g.role)} rules[${g.ruleIndex}]: ${g.ruleText} (subject ${subjectText(g.subject)})`);
      for (const d of a.danglingBindings) lines.push(`  note: ${where(d)} applies but its ${d.roleRef} does not exist`);
      return `${lines.join('\n')}\n`;
    });
    process.exitCode = inputError ? EXIT.usage : a.allowed ? EXIT.ok : EXIT.findings;
  });

  addCommon(
    rbac
      .command('permissions')
      .description('effective permissions of an identity, cluster-wide and by namespace')
      .argument('<subject>', 'system:serviceaccount:<ns>:<name>, ServiceAccount:<ns>/<name>, User:<name>, Group:<name>, or a user name')
      .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
      .option('--as-group <group...>', 'extra groups of a user'),
  ).action(async (subject: string, paths: string[], flags: CommonFlags & { asGroup?: string[] }) => {
    const { model, inputError } = await loadModel(paths, flags);
    const { permissionsAnswer, parseSubject } = await import('../../rbac/query.js');
    let parsed;
    try {
      parsed = parseSubject(subject);
    } catch (err) {
      throw new UserError((err as Error).message);
    }
    if (flags.asGroup?.length) parsed.user.groups = [...new Set([...parsed.user.groups, ...flags.asGroup])];
    const a = permissionsAnswer(model, parsed.user);
    await emit(flags, a, () => {
      const lines = [`${parsed.label} (groups: ${parsed.user.groups.join(', ')})${a.superuser ? ' — superuser (system:masters): allowed everything' : ''}`];
      let scope = '';
      for (const p of a.permissions) {
        if (p.scope !== scope) {
          scope = p.scope;
          lines.push(scope === '*' ? 'cluster-wide (every namespace):' : `namespace ${scope}:`);
        }
        lines.push(`  ${where(p.binding)} → ${p.dangling ? `${p.roleRef} (does not exist: grants nothing)` : where(p.role!)} via ${subjectText(p.subject)}`);
        for (const r of p.rules) lines.push(`      ${r.text}`);
      }
      if (a.permissions.length === 0) lines.push('  no binding applies');
      return `${lines.join('\n')}\n`;
    });
    if (inputError) process.exitCode = EXIT.usage;
  });

  addCommon(
    rbac
      .command('paths')
      .description('privilege-escalation paths to cluster-admin-equivalent power, each hop with its evidence')
      .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
      .option('--from <subject>', 'only paths from this identity (see permissions for the forms)')
      .option('--to <target>', 'target: cluster-admin (the only target so far)', 'cluster-admin')
      .option('--include-defaults', 'also list paths made only of built-in default objects'),
  ).action(async (paths: string[], flags: CommonFlags & { from?: string; to: string; includeDefaults?: boolean }) => {
    if (flags.to !== 'cluster-admin') throw new UserError('--to supports only cluster-admin');
    const { model, inputError } = await loadModel(paths, flags);
    const { escalationPaths, formatPath } = await import('../../rbac/paths.js');
    const { parseSubject } = await import('../../rbac/query.js');
    let from: import('../../rbac/authorizer.js').UserInfo | undefined;
    if (flags.from) {
      try {
        from = parseSubject(flags.from).user;
      } catch (err) {
        throw new UserError((err as Error).message);
      }
    }
    const result = escalationPaths(model, { from, includeDefaults: flags.includeDefaults || Boolean(from) });
    await emit(flags, result, () => {
      if (result.paths.length === 0) return `no escalation path to cluster-admin found${from ? ` from ${flags.from}` : ''}\n`;
      return `${result.paths.map(formatPath).join('\n\n')}\n\n${result.paths.length} path(s)\n`;
    });
    if (inputError) process.exitCode = EXIT.usage;
  });
}
