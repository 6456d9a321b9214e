import type { Rule } from '../../core/rule.js';
import cloudCredentialsInCluster from './cloud-credentials-in-cluster/rule.js';
import cloudMetadataReachable from './cloud-metadata-reachable/rule.js';
import cloudNodeIdentityFallback from './cloud-node-identity-fallback/rule.js';
import cloudProviderDetected from './cloud-provider-detected/rule.js';

/** Rules of the cloud area, in the order they are listed. */
export const cloudRules: Rule[] = [cloudMetadataReachable, cloudNodeIdentityFallback, cloudCredentialsInCluster, cloudProviderDetected];
