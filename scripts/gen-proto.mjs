#!/usr/bin/env node
// Generates proto/gen/hashcap.js (protobufjs static code, ES module) and hashcap.d.ts from
// proto/hashcap.proto. The output is committed; test/unit/proto-gen.test.ts fails when it is stale.
// Usage: node scripts/gen-proto.mjs [outDir]   (default proto/gen)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, 'proto', 'gen');
mkdirSync(outDir, { recursive: true });
const js = join(outDir, 'hashcap.js');
const dts = join(outDir, 'hashcap.d.ts');
const bin = (name) => join(root, 'node_modules', 'protobufjs-cli', 'bin', name);

execFileSync(process.execPath, [
  bin('pbjs'), '-t', 'static-module', '-w', 'es6', '--force-number', '--no-beautify', '--no-verify', '--no-delimited',
  // Our own entry in protobufjs's shared registry of roots, not the "default" one other code may use.
  '--root', 'hashcap',
  '-o', js, join(root, 'proto', 'hashcap.proto'),
], { stdio: 'inherit' });

// 64-bit fields (epochs, seqs, counts; far below 2^53) must be plain numbers in hashcap's messages, but
// protobufjs decides that process-wide (util.Long and Reader.prototype are shared by every user of the
// package), and a library must not reconfigure it for its host. So the generated module gets a util
// of its own without Long (field defaults, fromObject and toObject then use numbers) and decodes with
// a Reader whose 64-bit reads return numbers, whatever the rest of the process has configured.
const ALIASES = 'const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;';
const NUMBER_ALIASES = `const $Writer = $protobuf.Writer;
// hashcap (scripts/gen-proto.mjs): 64-bit fields are numbers here without reconfiguring protobufjs.
const $util = Object.create($protobuf.util, { Long: { value: null } });
const $number = (v) => typeof v === "number" ? v : v.toNumber();
class $Reader extends $protobuf.Reader {
    static create(buffer) {
        if (Array.isArray(buffer))
            buffer = new Uint8Array(buffer);
        if (!(buffer instanceof Uint8Array))
            throw $util.global.Error("illegal buffer");
        return new $Reader(buffer);
    }
    int64() { return $number(super.int64()); }
    uint64() { return $number(super.uint64()); }
    sint64() { return $number(super.sint64()); }
    fixed64() { return $number(super.fixed64()); }
    sfixed64() { return $number(super.sfixed64()); }
}`;
let code = readFileSync(js, 'utf8');
if (!code.includes(ALIASES)) throw new Error('gen-proto: pbjs output changed; update the 64-bit number prelude');
code = code.replace(ALIASES, NUMBER_ALIASES);
// Node's ESM loader needs the file extension; pbjs writes the bare CommonJS-style specifier.
writeFileSync(js, code.replace('"protobufjs/minimal"', '"protobufjs/minimal.js"'));
execFileSync(process.execPath, [bin('pbts'), '--no-comments', '-o', dts, js], { stdio: 'inherit' });
