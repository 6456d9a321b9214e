/**
 * Pod Security Standards exactly as k8s.io/pod-security-admission evaluates them: every check
 * of the baseline and restricted levels for policy versions v1.0 .. v1.37 (and `latest`), and the
 * namespace labels of the admission plugin. Pure: no I/O, no clock.
 */
export * from './version.js';
export * from './labels.js';
export { CHECKS, CHECKS_BY_ID, CHECK_IDS, checkInForce, checksFor, evaluatePod, formatViolations } from './registry.js';
export type { ActiveCheck, CheckDefinition, CheckId, CheckResult, VersionedCheck } from './registry.js';
export { evaluatePolicy, type PolicyViolation } from './workload.js';
export type { Path } from './pod.js';
