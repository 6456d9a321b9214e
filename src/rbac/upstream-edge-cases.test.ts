import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { canI, identityFor, whoCan } from './authorizer.js';
import { nonResourceURLMatches, ruleAllows, type PolicyRule, type RequestAttributes } from './matcher.js';
import { buildModel } from './model.js';
import { requestAttributes } from './query.js';

/**
 * Edge cases of the RBAC decision, each checked against the upstream code named in its comment
 * (kubernetes/kubernetes). The upstream behaviour is restated, not copied.
 */

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r });

function model(yaml: string, bootstrap = false) {
  const inv = emptyInventory();
  addSource(inv, { name: 'rbac.yaml', text: yaml, origin: 'file' });
  return buildModel(inv.resources, { bootstrap });
}

const res = (verb: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ verb, resource, apiGroup: '', subresource: '', ...extra });
const url = (verb: string, path: string): RequestAttributes => ({ verb, path });

const can = (m: ReturnType<typeof model>, as: string, attrs: RequestAttributes, groups: string[] = []) => canI(m, identityFor(as, groups), attrs).allowed;

const RBAC = 'rbac.authorization.k8s.io/v1';
const crole = (name: string, rules: string, extra = '') => `---\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: ${JSON.stringify(name)}${extra}}\nrules:\n${rules}\n`;
const crb = (name: string, role: string, subjects: string, roleKind = 'ClusterRole') =>
  `---\napiVersion: ${RBAC}\nkind: ClusterRoleBinding\nmetadata: {name: ${JSON.stringify(name)}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${JSON.stringify(role)}}\nsubjects: ${subjects}\n`;
const rb = (ns: string, name: string, roleKind: string, role: string, subjects: string) =>
  `---\napiVersion: ${RBAC}\nkind: RoleBinding\nmetadata: {name: ${name}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${JSON.stringify(role)}}\nsubjects: ${subjects}\n`;

describe('rule matching (pkg/apis/rbac/v1/evaluation_helpers.go; rbac.go RuleAllows)', () => {
  it('`*` in each field matches every value of that field, and only that field', () => {
    // VerbMatches / APIGroupMatches / ResourceMatches: VerbAll, APIGroupAll, ResourceAll.
    expect(ruleAllows(rule({ verbs: ['*'], apiGroups: [''], resources: ['pods'] }), res('escalate', 'pods'))).toBe(true);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }), res('get', 'deployments', { apiGroup: 'apps' }))).toBe(true);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: [''], resources: ['*'] }), res('get', 'deployments', { apiGroup: 'apps' }))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }), res('get', 'pods', { subresource: 'log' }))).toBe(true);
    // A `*` in resourceNames is a literal name, not a wildcard (ResourceNameMatches compares strings).
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['*'] }), res('get', 'pods', { name: 'web' }))).toBe(false);
    // The request verb `*` is matched only by a rule verb `*`.
    expect(ruleAllows(rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }), res('*', 'pods'))).toBe(false);
  });

  it('apiGroups "" is the core group only; `*` is every group', () => {
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: [''], resources: ['deployments'] }), res('get', 'deployments', { apiGroup: 'apps' }))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }), res('get', 'pods'))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: ['*'], resources: ['pods'] }), res('get', 'pods'))).toBe(true);
  });

  it('pods vs pods/exec vs */exec vs pods/*', () => {
    // ResourceMatches: exact `resource/subresource`, or `*/<subresource>`; `pods/*` is literal.
    const exec = res('create', 'pods', { subresource: 'exec' });
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }), exec)).toBe(false);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), exec)).toBe(true);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] }), exec)).toBe(true);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }), exec)).toBe(false);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }), res('create', 'pods', { subresource: '*' }))).toBe(true);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] }), res('create', 'pods'))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), res('create', 'pods'))).toBe(false);
    // `*/*` is only the subresource literally named `*`.
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: [''], resources: ['*/*'] }), res('get', 'pods', { subresource: 'log' }))).toBe(false);
  });

  it('resourceNames never match a request without a name (list, create, deletecollection, watch of all)', () => {
    // ResourceNameMatches: non-empty resourceNames need the request name to be one of them; "" is not.
    const named = rule({ verbs: ['list', 'create', 'deletecollection', 'get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] });
    expect(ruleAllows(named, res('list', 'secrets'))).toBe(false);
    expect(ruleAllows(named, res('create', 'secrets'))).toBe(false);
    expect(ruleAllows(named, res('deletecollection', 'secrets'))).toBe(false);
    expect(ruleAllows(named, res('get', 'secrets', { name: 'db' }))).toBe(true);
    expect(ruleAllows(named, res('get', 'secrets', { name: 'DB' }))).toBe(false);
    // A list request that names the object (fieldSelector metadata.name) carries the name.
    expect(ruleAllows(named, res('list', 'secrets', { name: 'db' }))).toBe(true);
  });

  it('non-resource URLs: exact, `*` for all, prefix when ending in `*` (every trailing `*` trimmed)', () => {
    // NonResourceURLMatches: strings.TrimRight(ruleURL, "*") is the prefix.
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/api/*'] }), '/api')).toBe(false);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/api/*'] }), '/api/')).toBe(true);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/api/*'] }), '/api/v1/x')).toBe(true);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/api*'] }), '/apis')).toBe(true);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/api'] }), '/api/')).toBe(false);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything')).toBe(true);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz**'] }), '/healthz/etcd')).toBe(true);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/Healthz'] }), '/healthz')).toBe(false);
  });

  it('resource rules never allow non-resource requests, and non-resource rules never allow resource requests', () => {
    expect(ruleAllows(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), url('get', '/healthz'))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['*'], nonResourceURLs: ['*'] }), res('get', 'pods'))).toBe(false);
  });

  it('every comparison is case-sensitive', () => {
    expect(ruleAllows(rule({ verbs: ['GET'], apiGroups: [''], resources: ['pods'] }), res('get', 'pods'))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: [''], resources: ['Pods'] }), res('get', 'pods'))).toBe(false);
    expect(ruleAllows(rule({ verbs: ['get'], apiGroups: ['Apps'], resources: ['deployments'] }), res('get', 'deployments', { apiGroup: 'apps' }))).toBe(false);
  });

  it('special verbs (escalate, bind, impersonate, approve, sign, use) are plain verbs to the matcher', () => {
    for (const v of ['escalate', 'bind', 'impersonate', 'approve', 'sign', 'use']) {
      expect(ruleAllows(rule({ verbs: [v], apiGroups: ['*'], resources: ['*'] }), res(v, 'x'))).toBe(true);
      expect(ruleAllows(rule({ verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'], apiGroups: ['*'], resources: ['*'] }), res(v, 'x'))).toBe(false);
    }
  });
});

describe('aggregation (pkg/controller/clusterroleaggregation, syncClusterRole)', () => {
  const labelled = (name: string, labels: string, rules: string) => `---\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: ${name}, labels: {${labels}}}\nrules:\n${rules}\n`;
  const aggregated = (name: string, selectors: string, rules = '', labels = '') =>
    `---\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: ${name}${labels ? `, labels: {${labels}}` : ''}}\naggregationRule: {clusterRoleSelectors: ${selectors}}\n${rules ? `rules:\n${rules}\n` : ''}`;

  it('replaces the role\'s own rules; selectors in order, matches in name order, duplicates kept once', () => {
    const m = model(
      aggregated('agg', '[{matchLabels: {a: "1"}}, {matchLabels: {b: "1"}}]', '- {apiGroups: [""], resources: [own], verbs: [get]}') +
        labelled('zz', 'a: "1"', '- {apiGroups: [""], resources: [z], verbs: [get]}') +
        labelled('aa', 'a: "1"', '- {apiGroups: [""], resources: [a], verbs: [get]}\n- {apiGroups: [""], resources: [z], verbs: [get]}') +
        labelled('bb', 'b: "1"', '- {apiGroups: [""], resources: [b], verbs: [get]}\n- {apiGroups: [""], resources: [a], verbs: [get]}'),
    );
    const agg = m.roles.get('ClusterRole/agg')!;
    expect(agg.rules.map((r) => r.resources[0])).toEqual(['a', 'z', 'b']);
    expect(agg.origins.map((o) => o.roleKey)).toEqual(['ClusterRole/aa', 'ClusterRole/aa', 'ClusterRole/bb']);
  });

  it('rules equal but for an empty vs absent list are one rule (equality.Semantic); a different order is another', () => {
    const m = model(
      aggregated('agg', '[{matchLabels: {a: "1"}}]') +
        labelled('x', 'a: "1"', '- {apiGroups: [""], resources: [pods], verbs: [get]}') +
        labelled('y', 'a: "1"', '- {apiGroups: [""], resources: [pods], verbs: [get], resourceNames: [], nonResourceURLs: []}\n- {apiGroups: [""], resources: [pods], verbs: [list, get]}\n- {apiGroups: [""], resources: [pods], verbs: [get, list]}'),
    );
    expect(m.roles.get('ClusterRole/agg')!.rules.map((r) => r.verbs.join(','))).toEqual(['get', 'list,get', 'get,list']);
  });

  it('matchExpressions In / NotIn / Exists / DoesNotExist; a role never selects itself', () => {
    const m = model(
      aggregated('agg', '[{matchExpressions: [{key: tier, operator: In, values: [gold, silver]}, {key: legacy, operator: DoesNotExist}]}]', '', 'tier: gold') +
        labelled('gold', 'tier: gold', '- {apiGroups: [""], resources: [gold], verbs: [get]}') +
        labelled('silver', 'tier: silver, legacy: "yes"', '- {apiGroups: [""], resources: [silver], verbs: [get]}') +
        labelled('bronze', 'tier: bronze', '- {apiGroups: [""], resources: [bronze], verbs: [get]}') +
        aggregated('agg2', '[{matchExpressions: [{key: tier, operator: NotIn, values: [gold]}, {key: tier, operator: Exists}]}]'),
    );
    expect(m.roles.get('ClusterRole/agg')!.rules.map((r) => r.resources[0])).toEqual(['gold']);
    expect(m.roles.get('ClusterRole/agg2')!.rules.map((r) => r.resources[0])).toEqual(['bronze', 'silver']);
  });

  it('an empty selector matches every other ClusterRole; no selectors leaves no rules', () => {
    const m = model(
      aggregated('all', '[{}]', '- {apiGroups: [""], resources: [own], verbs: [get]}') +
        crole('one', '- {apiGroups: [""], resources: [one], verbs: [get]}') +
        aggregated('none', '[]', '- {apiGroups: [""], resources: [own], verbs: [get]}'),
    );
    expect(m.roles.get('ClusterRole/all')!.rules.map((r) => r.resources[0])).toEqual(['one']);
    expect(m.roles.get('ClusterRole/none')!.rules).toEqual([]);
    expect(m.diagnostics.some((d) => d.code === 'rbac-invalid-selector' && d.message.includes('ClusterRole none'))).toBe(true);
  });

  it('an invalid selector fails the sync: the role keeps its written rules, reported', () => {
    for (const sel of ['[{matchExpressions: [{key: a, operator: In, values: []}]}]', '[{matchExpressions: [{key: a, operator: Exists, values: [x]}]}]', '[{matchExpressions: [{key: a, operator: Equals, values: [x]}]}]', '[{matchLabels: {"bad key!": x}}]', '[{matchLabels: {a: "1"}}, {matchLabels: {a: "not valid!"}}]']) {
      const m = model(aggregated('agg', sel, '- {apiGroups: [""], resources: [own], verbs: [get]}') + labelled('x', 'a: "1"', '- {apiGroups: [""], resources: [x], verbs: [get]}'));
      expect(m.roles.get('ClusterRole/agg')!.rules.map((r) => r.resources[0]), sel).toEqual(['own']);
      expect(m.diagnostics.some((d) => d.code === 'rbac-invalid-selector'), sel).toBe(true);
    }
  });

  it('chains resolve (view ⊂ edit ⊂ admin style), and a cycle terminates with a diagnostic', () => {
    const chain = model(
      aggregated('top', '[{matchLabels: {to-top: "true"}}]') +
        aggregated('mid', '[{matchLabels: {to-mid: "true"}}]', '', 'to-top: "true"') +
        labelled('leaf', 'to-mid: "true"', '- {apiGroups: [""], resources: [leaf], verbs: [get]}') +
        labelled('direct', 'to-top: "true"', '- {apiGroups: [""], resources: [direct], verbs: [get]}'),
    );
    expect(chain.roles.get('ClusterRole/top')!.rules.map((r) => r.resources[0])).toEqual(['direct', 'leaf']);
    const cycle = model(
      aggregated('a', '[{matchLabels: {x: "1"}}]', '- {apiGroups: [""], resources: [own-a], verbs: [get]}', 'y: "1"') +
        aggregated('b', '[{matchLabels: {y: "1"}}]', '', 'x: "1"') +
        labelled('c', 'x: "1"', '- {apiGroups: [""], resources: [c], verbs: [get]}'),
    );
    expect(cycle.roles.get('ClusterRole/a')!.rules.map((r) => r.resources[0])).toEqual(['c']);
    expect(cycle.roles.get('ClusterRole/b')!.rules.map((r) => r.resources[0])).toEqual(['c']);
    expect(cycle.diagnostics.some((d) => d.code === 'rbac-aggregation-cycle')).toBe(true);
  });

  it('the built-in admin/edit/view chain: admin holds edit and view rules, view lacks secrets', () => {
    const m = model(rb('team', 'admins', 'ClusterRole', 'admin', '[{kind: User, name: ann}]') + rb('team', 'viewers', 'ClusterRole', 'view', '[{kind: User, name: vic}]'), true);
    expect(can(m, 'ann', res('get', 'pods', { namespace: 'team' }))).toBe(true);
    expect(can(m, 'ann', res('create', 'roles', { namespace: 'team', apiGroup: 'rbac.authorization.k8s.io' }))).toBe(true);
    expect(can(m, 'ann', res('create', 'pods', { namespace: 'team', subresource: 'exec' }))).toBe(true);
    expect(can(m, 'vic', res('get', 'pods', { namespace: 'team' }))).toBe(true);
    expect(can(m, 'vic', res('get', 'secrets', { namespace: 'team' }))).toBe(false);
  });
});

describe('bindings and subjects (pkg/registry/rbac/validation/rule.go VisitRulesFor, appliesToUser, GetRoleReferenceRules)', () => {
  const ROLE = crole('reader', '- {apiGroups: [""], resources: [pods], verbs: [get]}\n- {nonResourceURLs: ["/metrics"], verbs: [get]}');

  it('a RoleBinding to a ClusterRole grants only in its namespace; a ClusterRoleBinding to a Role grants nothing', () => {
    const yaml =
      ROLE +
      rb('ns1', 'rb', 'ClusterRole', 'reader', '[{kind: User, name: alice}]') +
      `---\napiVersion: ${RBAC}\nkind: Role\nmetadata: {name: local, namespace: ns1}\nrules:\n- {apiGroups: [""], resources: [pods], verbs: [list]}\n` +
      crb('crb-to-role', 'local', '[{kind: User, name: bob}]', 'Role');
    const m = model(yaml);
    expect(can(m, 'alice', res('get', 'pods', { namespace: 'ns1' }))).toBe(true);
    expect(can(m, 'alice', res('get', 'pods', { namespace: 'ns2' }))).toBe(false);
    expect(can(m, 'alice', res('get', 'pods'))).toBe(false);
    expect(can(m, 'alice', url('get', '/metrics'))).toBe(false);
    expect(can(m, 'bob', res('list', 'pods', { namespace: 'ns1' }))).toBe(false);
    expect(m.diagnostics.some((d) => d.code === 'rbac-malformed-binding' && d.message.includes('crb-to-role'))).toBe(true);
  });

  it('non-resource rules inside a Role never match (non-resource requests have no namespace)', () => {
    const m = model(`---\napiVersion: ${RBAC}\nkind: Role\nmetadata: {name: urls, namespace: ns1}\nrules:\n- {nonResourceURLs: ["*"], verbs: ["*"]}\n` + rb('ns1', 'rb', 'Role', 'urls', '[{kind: User, name: alice}]'));
    expect(can(m, 'alice', url('get', '/healthz'))).toBe(false);
    expect(can(m, 'alice', { verb: 'get', path: '/healthz', namespace: 'ns1' })).toBe(false);
    expect(m.diagnostics.some((d) => d.code === 'rbac-invalid-rule')).toBe(true);
  });

  it('ServiceAccount subjects: empty namespace means the RoleBinding\'s, and nothing in a ClusterRoleBinding', () => {
    const m = model(ROLE + rb('ns1', 'rb', 'ClusterRole', 'reader', '[{kind: ServiceAccount, name: app}]') + crb('crb', 'reader', '[{kind: ServiceAccount, name: app}]'));
    expect(can(m, 'system:serviceaccount:ns1:app', res('get', 'pods', { namespace: 'ns1' }))).toBe(true);
    expect(can(m, 'system:serviceaccount:ns1:app', res('get', 'pods', { namespace: 'ns2' }))).toBe(false);
    expect(can(m, 'system:serviceaccount:ns1:app', url('get', '/metrics'))).toBe(false);
  });

  it('a User subject named like a service account matches that service account; a ServiceAccount subject matches its username', () => {
    // appliesToUser compares the user name for User, and MatchesUsername for ServiceAccount.
    const m = model(ROLE + crb('crb', 'reader', '[{kind: User, name: "system:serviceaccount:ns1:app"}]'));
    expect(can(m, 'system:serviceaccount:ns1:app', res('get', 'pods'))).toBe(true);
    expect(can(m, 'system:serviceaccount:ns1:other', res('get', 'pods'))).toBe(false);
  });

  it('Group system:serviceaccounts:<ns> holds every service account of the namespace (as impersonated)', () => {
    const m = model(ROLE + crb('crb', 'reader', '[{kind: Group, name: "system:serviceaccounts:ns1"}]'));
    expect(can(m, 'system:serviceaccount:ns1:any', res('get', 'pods'))).toBe(true);
    expect(can(m, 'system:serviceaccount:ns10:any', res('get', 'pods'))).toBe(false);
    // With --as-group given, impersonation does not add the service-account groups.
    expect(can(m, 'system:serviceaccount:ns1:any', res('get', 'pods'), ['devs'])).toBe(false);
  });

  it('the subject apiGroup is not checked by the authorizer (reported, as validation rejects it); kinds are case-sensitive', () => {
    const m = model(
      ROLE +
        crb('sa-with-group', 'reader', '[{kind: ServiceAccount, name: app, namespace: ns1, apiGroup: rbac.authorization.k8s.io}]') +
        crb('user-odd-group', 'reader', '[{kind: User, name: carol, apiGroup: example.com}]') +
        crb('lower-kind', 'reader', '[{kind: user, name: dave}]'),
    );
    expect(can(m, 'system:serviceaccount:ns1:app', res('get', 'pods'))).toBe(true);
    expect(can(m, 'carol', res('get', 'pods'))).toBe(true);
    expect(can(m, 'dave', res('get', 'pods'))).toBe(false);
    expect(m.diagnostics.filter((d) => d.code === 'rbac-malformed-subject').map((d) => d.message.split(':')[0])).toEqual([
      'ClusterRoleBinding sa-with-group',
      'ClusterRoleBinding user-odd-group',
      'ClusterRoleBinding lower-kind',
    ]);
  });

  it('subjects have no wildcards, and a namespace on a User or Group subject is ignored', () => {
    // appliesToUser compares names literally; only ServiceAccount subjects read the namespace.
    const m = model(ROLE + rb('ns1', 'rb', 'ClusterRole', 'reader', '[{kind: User, name: "*"}, {kind: Group, name: "*"}, {kind: User, name: uma, namespace: elsewhere}]'));
    expect(can(m, 'anyone', res('get', 'pods', { namespace: 'ns1' }), ['devs'])).toBe(false);
    expect(can(m, '*', res('get', 'pods', { namespace: 'ns1' }))).toBe(true);
    expect(can(m, 'uma', res('get', 'pods', { namespace: 'ns1' }))).toBe(true);
  });

  it('the subject through which a binding applies is its first subject naming the user (appliesTo)', () => {
    const m = model(ROLE + crb('crb', 'reader', '[{kind: Group, name: devs}, {kind: User, name: alice}]'));
    const d = canI(m, identityFor('alice', ['devs']), res('get', 'pods'));
    expect(d.grants.map((g) => `${g.subject.kind}:${g.subject.name}`)).toEqual(['Group:devs']);
  });

  it('user and group names are case-sensitive', () => {
    const m = model(ROLE + crb('crb', 'reader', '[{kind: User, name: Alice}, {kind: Group, name: Devs}]'));
    expect(can(m, 'alice', res('get', 'pods'))).toBe(false);
    expect(can(m, 'Alice', res('get', 'pods'))).toBe(true);
    expect(can(m, 'x', res('get', 'pods'), ['devs'])).toBe(false);
    expect(can(m, 'x', res('get', 'pods'), ['Devs'])).toBe(true);
  });

  it('system:masters is allowed everything before RBAC; who-can always lists it', () => {
    // The API server's privileged-group authorizer (authorizerfactory.NewPrivilegedGroups).
    const m = model(ROLE);
    expect(canI(m, identityFor('anyone', ['system:masters']), res('delete', 'nodes')).superuser).toBe(true);
    expect(whoCan(m, res('delete', 'nodes')).superuserGroups).toEqual(['system:masters']);
  });

  it('anonymous: system:anonymous is in system:unauthenticated, not system:authenticated', () => {
    const m = model(ROLE + crb('auth', 'reader', '[{kind: Group, name: "system:authenticated"}]'));
    expect(can(m, 'system:anonymous', res('get', 'pods'))).toBe(false);
    expect(can(m, 'bob', res('get', 'pods'))).toBe(true);
  });

  it('duplicate objects: the later definition wins, with a diagnostic', () => {
    const m = model(ROLE + crole('reader', '- {apiGroups: [""], resources: [secrets], verbs: [get]}') + crb('crb', 'reader', '[{kind: User, name: alice}]'));
    expect(can(m, 'alice', res('get', 'secrets'))).toBe(true);
    expect(can(m, 'alice', res('get', 'pods'))).toBe(false);
    expect(m.diagnostics.some((d) => d.code === 'rbac-duplicate')).toBe(true);
  });

  it('a role without rules and a binding to a missing role grant nothing, without a crash', () => {
    const m = model(`---\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: empty}\nrules: []\n` + crb('e', 'empty', '[{kind: User, name: alice}]') + crb('m', 'missing', '[{kind: User, name: alice}]'));
    const d = canI(m, identityFor('alice'), res('get', 'pods'));
    expect(d.allowed).toBe(false);
    expect(d.dangling.map((b) => b.name)).toEqual(['m']);
  });
});

describe('default policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy)', () => {
  const m = model('', true);
  it('namespace roles in kube-system and kube-public', () => {
    expect(can(m, 'system:kube-scheduler', res('get', 'configmaps', { namespace: 'kube-system', name: 'extension-apiserver-authentication' }))).toBe(true);
    expect(can(m, 'system:kube-scheduler', res('get', 'configmaps', { namespace: 'kube-system', name: 'other' }))).toBe(false);
    expect(can(m, 'system:kube-scheduler', res('get', 'configmaps', { namespace: 'default', name: 'extension-apiserver-authentication' }))).toBe(false);
    expect(can(m, 'system:serviceaccount:kube-system:bootstrap-signer', res('update', 'configmaps', { namespace: 'kube-public', name: 'cluster-info' }))).toBe(true);
    expect(can(m, 'system:serviceaccount:kube-system:bootstrap-signer', res('list', 'secrets', { namespace: 'kube-system' }))).toBe(true);
    expect(can(m, 'system:serviceaccount:kube-system:token-cleaner', res('delete', 'secrets', { namespace: 'kube-system' }))).toBe(true);
    expect(can(m, 'system:kube-scheduler', res('update', 'leases', { namespace: 'kube-system', apiGroup: 'coordination.k8s.io' }))).toBe(true);
  });
  it('cluster bindings: system:monitoring group, service-account issuer discovery for every service account', () => {
    expect(can(m, 'prom', url('get', '/metrics'), ['system:monitoring'])).toBe(true);
    expect(can(m, 'prom', url('get', '/metrics'))).toBe(false);
    expect(can(m, 'system:serviceaccount:x:y', url('get', '/openid/v1/jwks'))).toBe(true);
    expect(can(m, 'bob', url('get', '/openid/v1/jwks'))).toBe(false);
    expect(can(m, 'system:anonymous', url('get', '/healthz'))).toBe(true);
    expect(can(m, 'system:anonymous', url('get', '/api'))).toBe(false);
    expect(can(m, 'bob', url('get', '/apis/apps/v1'))).toBe(true);
    expect(can(m, 'bob', res('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }))).toBe(true);
  });
});

describe('default objects overridden by the input (pkg/registry/rbac/reconciliation, run at every API server start)', () => {
  it('a default binding with another roleRef is recreated as the default; with autoupdate "false" it is kept', () => {
    const m = model(crb('system:basic-user', 'cluster-admin', '[{kind: User, name: mallory}]'), true);
    expect(can(m, 'mallory', res('delete', 'nodes'))).toBe(false);
    expect(m.diagnostics.some((d) => d.code === 'rbac-default-binding-reset')).toBe(true);
    const kept = model(crb('system:basic-user', 'cluster-admin', '[{kind: User, name: mallory}]').replace('metadata: {name: "system:basic-user"}', 'metadata: {name: "system:basic-user", annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}}'), true);
    expect(can(kept, 'mallory', res('delete', 'nodes'))).toBe(true);
  });
  it('a default binding with the same roleRef keeps the input subjects and gets the default ones back', () => {
    const m = model(crb('system:basic-user', 'system:basic-user', '[{kind: User, name: alice}]'), true);
    expect(can(m, 'alice', res('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }), [])).toBe(true);
    expect(canI(m, { name: 'bob', groups: ['system:authenticated'] }, res('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' })).allowed).toBe(true);
  });
  it('a default aggregated role given other selectors keeps them and gets the default selector back', () => {
    const m = model(
      `---\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: view}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {extra: "1"}}]}\n` +
        crole('extra', '- {apiGroups: [""], resources: [extras], verbs: [get]}', ', labels: {extra: "1"}') +
        rb('t', 'v', 'ClusterRole', 'view', '[{kind: User, name: vic}]'),
      true,
    );
    expect(can(m, 'vic', res('get', 'extras', { namespace: 't' }))).toBe(true);
    expect(can(m, 'vic', res('get', 'pods', { namespace: 't' }))).toBe(true);
  });
});

describe('request attributes from the command line (kubectl cani.go Complete/Validate, schema.ParseResourceArg)', () => {
  const m = model('');
  const attrs = (spec: Parameters<typeof requestAttributes>[1]) => requestAttributes(m, spec).attrs;
  it('resource.group and resource.version.group; the type is lower-cased, the name is not', () => {
    expect(attrs({ verb: 'get', target: 'deployments.apps' })).toMatchObject({ apiGroup: 'apps', resource: 'deployments' });
    expect(attrs({ verb: 'get', target: 'deployments.v1.apps' })).toMatchObject({ apiGroup: 'apps', resource: 'deployments' });
    expect(attrs({ verb: 'get', target: 'Pods/Web' })).toMatchObject({ apiGroup: '', resource: 'pods', subresource: '', name: 'Web' });
  });
  it('TYPE/NAME is a name unless the type has that subresource; with --subresource it is always a name', () => {
    expect(attrs({ verb: 'get', target: 'secrets/db' })).toMatchObject({ resource: 'secrets', subresource: '', name: 'db' });
    expect(attrs({ verb: 'create', target: 'pods/exec' })).toMatchObject({ resource: 'pods', subresource: 'exec' });
    expect(attrs({ verb: 'create', target: 'serviceaccounts/token' })).toMatchObject({ resource: 'serviceaccounts', subresource: 'token' });
    expect(attrs({ verb: 'update', target: 'deployments.apps/scale' })).toMatchObject({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale' });
    expect(attrs({ verb: 'get', target: 'pods/exec', subresource: 'log' })).toMatchObject({ resource: 'pods', subresource: 'log', name: 'exec' });
    expect(attrs({ verb: 'get', target: 'pods', subresource: 'log', name: 'web' })).toMatchObject({ resource: 'pods', subresource: 'log', name: 'web' });
    expect(attrs({ verb: 'create', target: '*/exec' })).toMatchObject({ resource: '*', subresource: 'exec' });
    expect(() => attrs({ verb: 'get', target: 'secrets/a', name: 'b' })).toThrow(/two names/);
    // kubectl splits at the first slash only: signer names keep theirs.
    expect(attrs({ verb: 'approve', target: 'signers/kubernetes.io/kube-apiserver-client' })).toMatchObject({ apiGroup: 'certificates.k8s.io', resource: 'signers', subresource: '', name: 'kubernetes.io/kube-apiserver-client' });
    // Impersonation checks (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go).
    expect(requestAttributes(m, { verb: 'impersonate', target: 'users/alice' })).toMatchObject({ attrs: { apiGroup: '', resource: 'users', name: 'alice' }, warnings: [] });
    expect(attrs({ verb: 'impersonate', target: 'uids/42' })).toMatchObject({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: '42' });
    expect(attrs({ verb: 'impersonate', target: 'userextras/scopes', name: 'view' })).toMatchObject({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes', name: 'view' });
  });
  it('non-resource URLs take neither name nor subresource; unknown verbs are warned about', () => {
    expect(() => attrs({ verb: 'get', target: '/healthz', subresource: 'x' })).toThrow(/non-resource URL/);
    expect(() => attrs({ verb: 'get', target: '/healthz', name: 'x' })).toThrow(/non-resource URL/);
    expect(requestAttributes(m, { verb: 'post', target: '/api' }).warnings).toEqual([]);
    expect(requestAttributes(m, { verb: 'list', target: '/api' }).warnings[0]).toMatch(/not a known verb/);
    expect(requestAttributes(m, { verb: 'frobnicate', target: 'pods' }).warnings[0]).toMatch(/not a known verb/);
    expect(requestAttributes(m, { verb: 'escalate', target: 'clusterroles' }).warnings).toEqual([]);
  });
  it('a request for namespace X is in namespace X (RequestInfo): said when asked from another namespace', () => {
    expect(requestAttributes(m, { verb: 'get', target: 'namespaces/team', namespace: 'default' }).warnings.some((w) => w.includes('-n team'))).toBe(true);
    expect(requestAttributes(m, { verb: 'get', target: 'namespaces/team', namespace: 'team' }).warnings.some((w) => w.includes('-n team'))).toBe(false);
    const mm = model(crole('ns-reader', '- {apiGroups: [""], resources: [namespaces], verbs: [get]}') + rb('team', 'r', 'ClusterRole', 'ns-reader', '[{kind: User, name: tia}]'));
    expect(can(mm, 'tia', res('get', 'namespaces', { name: 'team', namespace: 'team' }))).toBe(true);
    expect(can(mm, 'tia', res('get', 'namespaces', { name: 'other', namespace: 'other' }))).toBe(false);
  });
});

describe('service-account usernames (serviceaccount.MatchesUsername, SplitUsername; impersonation groups)', () => {
  it('a ServiceAccount subject matches the username built from it, with no validation of the parts', () => {
    // MatchesUsername only compares prefix, namespace, separator and name.
    const m = model(crole('r', '- {apiGroups: [""], resources: [pods], verbs: [get]}') + crb('b', 'r', '[{kind: ServiceAccount, name: "b:c", namespace: a}]'));
    expect(can(m, 'system:serviceaccount:a:b:c', res('get', 'pods'))).toBe(true);
    // That username does not split into a valid namespace and name, so impersonation adds no service-account groups.
    expect(identityFor('system:serviceaccount:a:b:c').groups).toEqual(['system:authenticated']);
  });
  it('namespace must be a DNS label and the name a DNS subdomain for the service-account groups', () => {
    expect(identityFor('system:serviceaccount:my-ns:my.sa').groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:my-ns', 'system:authenticated']);
    expect(identityFor('system:serviceaccount:my.ns:sa').groups).toEqual(['system:authenticated']);
    expect(identityFor('system:serviceaccount::sa').groups).toEqual(['system:authenticated']);
  });
});
