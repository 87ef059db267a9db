/**
 * Makes protobufjs decode 64-bit integers as JS numbers instead of Long objects. It must run before
 * the generated code is evaluated (its field defaults are built at load time), so wire.ts imports this
 * module first. Our 64-bit fields (epochs, seqs, counts) stay far below 2^53.
 */
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
