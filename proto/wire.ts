/**
 * The generated wire types, ready to use: import from here, never from gen/ directly, so that 64-bit
 * fields are numbers (configure.ts) on the server, in the SDK and in the browser alike.
 */
import './configure.ts';
import { hashcap } from './gen/hashcap.js';

export const wire = hashcap.v1;
export type { hashcap } from './gen/hashcap.js';
