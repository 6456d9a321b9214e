import type { Rule } from '../../core/rule.js';
import envCredentials from './env-credentials/rule.js';
import notPinned from './not-pinned/rule.js';
import osEndOfLife from './os-end-of-life/rule.js';
import registryNotAllowed from './registry-not-allowed/rule.js';
import runsAsRoot from './runs-as-root/rule.js';
import staleImage from './stale-image/rule.js';
import vulnerablePackage from './vulnerable-package/rule.js';

/** Rules of the image area (over `ImageContents` resources), in the order they are listed. */
export const imageRules: Rule[] = [vulnerablePackage, osEndOfLife, staleImage, runsAsRoot, envCredentials, registryNotAllowed, notPinned];
