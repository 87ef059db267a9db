/**
 * The generated wire types, ready to use: import from here, never from gen/ directly. Their 64-bit
 * fields are numbers on the server, in the SDK and in the browser alike, without changing how
 * protobufjs decodes for anyone else in the process (scripts/gen-proto.mjs says how).
 */
import { hashcap } from './gen/hashcap.js';

export const wire = hashcap.v1;
export type { hashcap } from './gen/hashcap.js';
