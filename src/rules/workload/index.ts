import type { Rule } from '../../core/rule.js';
import imageTag from './image-tag/rule.js';

/** Rules of the workload area, in the order they are listed. */
export const workloadRules: Rule[] = [imageTag];
