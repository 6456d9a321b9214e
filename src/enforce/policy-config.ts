import type { Diagnostic } from '../core/types.js';
import { defaultAdmissionPolicy, type AdmissionMode, type AdmissionPolicy } from './admission.js';

const MODES: AdmissionMode[] = ['enforce', 'warn', 'audit'];

/**
 * Reads the `admission:` section of `.rampart.yaml`:
 * ```yaml
 * admission:
 *   mode: enforce                 # default for everything else
 *   namespaces: { staging: warn, sandbox: audit }
 *   selectors: [{ matchLabels: { rampart.dev/mode: audit }, mode: audit }]
 *   exempt: { namespaces: [kube-system, rampart], users: [], groups: [system:masters] }
 *   onRuleError: deny             # or allow
 * ```
 */
export function admissionPolicyFromConfig(section: unknown, file = '.rampart.yaml'): { policy: AdmissionPolicy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string) => diagnostics.push({ level: 'error', code: 'config-invalid', message: `${file}: admission: ${message}`, file });
  const policy = defaultAdmissionPolicy();
  if (section === undefined || section === null) return { policy, diagnostics };
  if (typeof section !== 'object' || Array.isArray(section)) {
    problem('must be a mapping');
    return { policy, diagnostics };
  }
  const s = section as Record<string, any>;
  const mode = (v: unknown, where: string): AdmissionMode | undefined => {
    if (MODES.includes(v as AdmissionMode)) return v as AdmissionMode;
    problem(`${where} must be one of ${MODES.join(', ')} (got ${JSON.stringify(v)})`);
    return undefined;
  };
  if (s.mode !== undefined) policy.defaultMode = mode(s.mode, 'mode') ?? policy.defaultMode;
  if (s.namespaces !== undefined) {
    if (typeof s.namespaces !== 'object' || Array.isArray(s.namespaces)) problem('namespaces must map namespace names to modes');
    else for (const [ns, m] of Object.entries(s.namespaces)) {
      const v = mode(m, `namespaces.${ns}`);
      if (v) policy.namespaces[ns] = v;
    }
  }
  if (s.selectors !== undefined) {
    if (!Array.isArray(s.selectors)) problem('selectors must be a list');
    else s.selectors.forEach((sel: any, i: number) => {
      const v = mode(sel?.mode, `selectors[${i}].mode`);
      if (!sel?.matchLabels || typeof sel.matchLabels !== 'object') problem(`selectors[${i}] needs matchLabels`);
      else if (v) policy.selectors.push({ matchLabels: Object.fromEntries(Object.entries(sel.matchLabels).map(([k, x]) => [k, String(x)])), mode: v });
    });
  }
  const exempt = s.exempt ?? {};
  for (const [key, target] of [['namespaces', 'exemptNamespaces'], ['users', 'exemptUsers'], ['groups', 'exemptGroups']] as const) {
    const v = exempt[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) problem(`exempt.${key} must be a list`);
    else policy[target] = v.map(String);
  }
  if (s.onRuleError !== undefined) {
    if (s.onRuleError === 'deny' || s.onRuleError === 'allow') policy.onRuleError = s.onRuleError;
    else problem('onRuleError must be deny or allow');
  }
  return { policy, diagnostics };
}
