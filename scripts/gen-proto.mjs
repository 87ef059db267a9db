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
  '-o', js, join(root, 'proto', 'hashcap.proto'),
], { stdio: 'inherit' });
// Node's ESM loader needs the file extension; pbjs writes the bare CommonJS-style specifier.
writeFileSync(js, readFileSync(js, 'utf8').replace('"protobufjs/minimal"', '"protobufjs/minimal.js"'));
execFileSync(process.execPath, [bin('pbts'), '--no-comments', '-o', dts, js], { stdio: 'inherit' });
