import { Ajv2020 } from 'ajv/dist/2020.js';
import Ajv4Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/**
 * ajv-draft-04 and ajv-formats are CommonJS modules with `exports.default`; under NodeNext their
 * default import is typed as the module object, so the callable is picked here once.
 */
type DefaultOf<T> = T extends { default: infer D } ? D : T;
const pick = <T>(m: T): DefaultOf<T> => ((m as any).default ?? m) as DefaultOf<T>;

/** Ajv for the official SARIF schema, which declares draft-04. */
export const AjvDraft04 = pick(Ajv4Module);
export const addFormats = pick(addFormatsModule);
export { Ajv2020 };
