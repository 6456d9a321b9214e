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
        'A resource is written as kubectl writes it (pods, deployments.apps, secrets/NAME); after a slash, a subresource the type has ' +
        '(pods/exec, certificatesigningrequests/approval) is read as that subresource, anything else as the object name (use --subresource for kubectl\'s TYPE/NAME --subresource form); ' +
        'a target starting with / is a non-resource URL.',
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
      .argument('<resource>', 'TYPE, TYPE/NAME, TYPE/SUBRESOURCE (a subresource the type has), TYPE.GROUP, or a non-resource URL such as /metrics')
      .argument('[paths...]', 'files, folders, or - for standard input', ['.'])
      .option('-n, --namespace <ns>', 'the request is in this namespace (default: cluster-wide, i.e. ClusterRoleBindings only)')
      .option('-A, --all-namespaces', 'also list RoleBindings of every namespace (each grants only in its namespace)')
      .option('--name <name>', 'the request names this object (resourceNames); same as TYPE/NAME')
      .option('--subresource <sub>', 'subresource; TYPE/NAME is then always a name')
      .option('--group <group>', 'API group of the resource, when it is not built in'),
  ).action(async (verb: string, resource: string, paths: string[], flags: CommonFlags & { allNamespaces?: boolean; name?: string; group?: string; subresource?: string }) => {
    const { model, inputError } = await loadModel(paths, flags);
    const { whoCanAnswer, RequestError } = await import('../../rbac/query.js');
    let a;
    try {
      a = whoCanAnswer(model, { verb, target: resource, namespace: flags.namespace, name: flags.name, group: flags.group, subresource: flags.subresource }, flags.allNamespaces);
    } catch (err) {
      if (err instanceof RequestError) throw new UserError(err.message);
      throw err;
    }
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
      .description('whether an identity may make a request, and which binding and rule allow it (exit 0 yes, 1 no), as kubectl auth can-i asks it')
      .argument('[verb]', 'the verb (omit with --list)')
      .argument('[resource]', 'TYPE, TYPE/NAME, TYPE/SUBRESOURCE (a subresource the type has), TYPE.GROUP, or a non-resource URL (omit with --list)')
      .argument('[paths...]', 'files, folders, or - for standard input (default: .)')
      .requiredOption('--as <user>', 'user name, or system:serviceaccount:<ns>:<name>')
      .option('--as-group <group...>', 'groups of the user (system:authenticated is added as the API server does)')
      .option('-n, --namespace <ns>', 'namespace of the request (default: "default", as kubectl without a context namespace)')
      .option('-A, --all-namespaces', 'the request is in all namespaces at once (no namespace: ClusterRoleBindings only)')
      .option('--name <name>', 'name of the object (resourceNames); same as TYPE/NAME')
      .option('--subresource <sub>', 'subresource; TYPE/NAME is then always a name, as in kubectl')
      .option('--group <group>', 'API group of the resource, when it is not built in')
      .option('--list', 'list every rule that applies in the namespace, as kubectl auth can-i --list prints them')
      .option('--no-headers', 'with --list: no header line')
      .option('-q, --quiet', 'print nothing; the exit code answers'),
  ).action(async (verbOrFirst: string | undefined, resourceArg: string | undefined, pathsArg: string[], flags: CommonFlags & { as: string; asGroup?: string[]; allNamespaces?: boolean; name?: string; subresource?: string; group?: string; list?: boolean; headers?: boolean; quiet?: boolean }) => {
    const { identityFor } = await import('../../rbac/authorizer.js');
    const user = identityFor(flags.as, flags.asGroup ?? []);
    if (flags.list) {
      if (flags.quiet || flags.allNamespaces || flags.subresource) throw new UserError('--list cannot be combined with --quiet, --all-namespaces or --subresource');
      // kubectl auth can-i --list takes no verb or resource: every positional argument is an input path.
      const paths = [verbOrFirst, resourceArg, ...pathsArg].filter((p): p is string => p !== undefined);
      const { model, inputError } = await loadModel(paths, flags);
      const { rulesFor, listRows, formatListTable } = await import('../../rbac/rules-review.js');
      const namespace = flags.namespace ?? 'default';
      const rows = listRows(rulesFor(model, user, namespace));
      const superuser = user.groups.includes('system:masters');
      await emit(flags, { user, namespace, superuser, rules: rows }, () => formatListTable(rows, flags.headers !== false));
      if (superuser) stderr('rampart: note: members of system:masters are allowed every request whatever these rules say');
      process.exitCode = inputError ? EXIT.usage : EXIT.ok;
      return;
    }
    if (flags.headers === false) throw new UserError('--no-headers cannot be set without --list');
    if (verbOrFirst === undefined || resourceArg === undefined) throw new UserError('can-i needs a verb and a resource (or a non-resource URL), or --list');
    if (flags.allNamespaces && flags.namespace) throw new UserError('--namespace and --all-namespaces cannot be given together');
    const { model, inputError } = await loadModel(pathsArg, flags);
    const { canIAnswer, RequestError } = await import('../../rbac/query.js');
    // As kubectl: the request is in the context's namespace ("default" here) unless -A.
    const namespace = flags.allNamespaces ? undefined : (flags.namespace ?? 'default');
    let a;
    try {
      a = canIAnswer(model, user, { verb: verbOrFirst, target: resourceArg, namespace, name: flags.name, group: flags.group, subresource: flags.subresource });
    } catch (err) {
      if (err instanceof RequestError) throw new UserError(err.message);
      throw err;
    }
    if (!flags.quiet) {
      for (const w of a.warnings) stderr(`rampart: warning: ${w}`);
      await emit(flags, a, () => {
        const lines = [a.allowed ? 'yes' : a.denialReason ? `no - ${a.denialReason}` : 'no', `  as ${user.name} (groups: ${user.groups.join(', ')})${a.request.path === undefined ? (a.request.namespace ? ` in namespace ${a.request.namespace}` : ' in all namespaces / cluster-wide') : ''}`];
        if (a.superuser) lines.push(`  ${a.reason}`);
        for (const g of a.grants) lines.push(`  allowed by ${where(g.binding)} → ${where(g.role)} rules[${g.ruleIndex}]: ${g.ruleText} (subject ${subjectText(g.subject)})`);
        for (const d of a.danglingBindings) lines.push(`  note: ${where(d)} applies but its ${d.roleRef} does not exist`);
        return `${lines.join('\n')}\n`;
      });
    }
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
      .option('--to <target>', 'where the paths lead: cluster-admin, node (root on a node), or an identity (ServiceAccount:<ns>/<name>, system:serviceaccount:<ns>:<name>, User:<name>, Group:<name>)', 'cluster-admin')
      .option('--include-defaults', 'also list paths made only of built-in default objects'),
  ).action(async (paths: string[], flags: CommonFlags & { from?: string; to: string; includeDefaults?: boolean }) => {
    const { escalationPaths, formatPath, targetNode, nodeLabel } = await import('../../rbac/paths.js');
    const { parseSubject } = await import('../../rbac/query.js');
    let to: string;
    try {
      to = targetNode(flags.to);
    } catch (err) {
      throw new UserError((err as Error).message);
    }
    const { model, inputError } = await loadModel(paths, flags);
    let from: import('../../rbac/authorizer.js').UserInfo | undefined;
    if (flags.from) {
      try {
        from = parseSubject(flags.from).user;
      } catch (err) {
        throw new UserError((err as Error).message);
      }
    }
    const result = escalationPaths(model, { from, to, includeDefaults: flags.includeDefaults || Boolean(from) });
    await emit(flags, result, () => {
      if (result.paths.length === 0) return `no path to ${nodeLabel(to)} found${from ? ` from ${flags.from}` : ''}\n`;
      return `${result.paths.map(formatPath).join('\n\n')}\n\n${result.paths.length} path(s)\n`;
    });
    if (inputError) process.exitCode = EXIT.usage;
  });
}
