/**
 * docs/asyncapi.yaml: what scripts/gen-asyncapi.ts writes today, a valid AsyncAPI 3 document for
 * @asyncapi/parser, and complete against its sources read independently here: every oneof variant of
 * the .proto's wrapper messages (parsed with protobufjs) is a message, every field of every message a
 * schema property, every channel kind the server parses (server/feed/channels.ts) an address, every
 * error, close and ingest code listed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { parse as parseYaml } from 'yaml';
import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { CloseCode, ErrorCode } from '../../proto/codes.ts';
import { BAR_INTERVALS, parseChannel, type ChannelSpec } from '../../server/feed/channels.ts';
import { INGEST_REASONS } from '../../server/ingest/reasons.ts';
import { ASYNCAPI_PATH, PROTO_PATH, asyncapiYaml } from '../../scripts/gen-asyncapi.ts';

// The document as parsed YAML: checked field by field below, so `any` stands for "whatever the file says".
type Json = Record<string, any>;

const committed = readFileSync(ASYNCAPI_PATH, 'utf8');
const protoSource = readFileSync(PROTO_PATH, 'utf8');

/** Every kind of channel the server accepts: a Record over the union, so a new kind fails to compile here. */
const CHANNEL_KINDS: Readonly<Record<ChannelSpec['kind'], true>> = {
  index: true,
  quote: true,
  'quotes-all': true,
  bars: true,
  status: true,
};

/** What the document lacks of a .proto: wrapper variants without a message, messages or fields without a schema. */
function missingFromDocument(proto: string, doc: Json): string[] {
  const root = protobuf.parse(proto).root;
  root.resolveAll();
  const ns = root.lookup('hashcap.v1') as protobuf.Namespace;
  const messages = Object.values(doc['components']['messages'] as Json);
  const schemas = doc['components']['schemas'] as Json;
  const missing: string[] = [];
  for (const wrapper of ['ServerMessage', 'ClientMessage', 'PublisherMessage']) {
    for (const field of ns.lookupType(wrapper).oneofsArray[0]!.fieldsArray) {
      const found = messages.some(
        (m) => m['x-protobuf-message'] === `hashcap.v1.${wrapper}` && m['x-protobuf-field'] === field.id && m['payload']?.['properties']?.[field.name],
      );
      if (!found) missing.push(`message ${wrapper}.${field.name}`);
    }
  }
  for (const nested of ns.nestedArray) {
    const schema = schemas[nested.name];
    if (!schema) {
      missing.push(`schema ${nested.name}`);
      continue;
    }
    if (nested instanceof protobuf.Type) {
      for (const field of nested.fieldsArray) if (!schema['properties']?.[field.name]) missing.push(`field ${nested.name}.${field.name}`);
    }
  }
  return missing;
}

/** The addresses of the document's data channels with every parameter filled with each of its values. */
function channelNames(doc: Json): string[] {
  const names: string[] = [];
  for (const channel of Object.values(doc['channels'] as Json)) {
    const address = channel['address'] as string | null;
    if (address === null || address.startsWith('/')) continue;
    let expanded = [address];
    for (const [param, spec] of Object.entries((channel['parameters'] ?? {}) as Json)) {
      const values = (spec['enum'] ?? spec['examples'] ?? []) as string[];
      expect(values.length, `${address}: parameter ${param} has values`).toBeGreaterThan(0);
      expanded = expanded.flatMap((a) => values.map((v) => a.replace(`{${param}}`, v)));
    }
    names.push(...expanded);
  }
  return names;
}

describe('docs/asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[] = [];
  const doc = parseYaml(committed) as Json;

  beforeAll(async () => {
    ({ document, diagnostics } = await new Parser().parse(committed));
  }, 60_000);

  it('is what scripts/gen-asyncapi.ts writes from the sources today (run `npm run asyncapi` if not)', () => {
    expect(committed === asyncapiYaml(), 'docs/asyncapi.yaml is stale').toBe(true);
  });

  it('is a valid AsyncAPI 3 document for @asyncapi/parser: no error, no warning', () => {
    // Severity 0 is an error, 1 a warning; 2 and 3 are information and hints (such as "3.1.0 exists").
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toMatch(/^3\./);
    const messageNames = document!.allMessages().all().map((m) => m.name());
    expect(messageNames).toEqual(expect.arrayContaining(['snapshot', 'delta', 'subscribe', 'batch', 'IngestReply']));
    expect(document!.servers().all().map((s) => s.pathname())).toEqual(expect.arrayContaining(['/v1/stream', '/v1/ingest']));
  });

  it('has a message for every ServerMessage, ClientMessage and PublisherMessage variant and a schema for every message and field of the .proto', () => {
    expect(missingFromDocument(protoSource, doc)).toEqual([]);
  });

  it('would miss a variant or a field added to the .proto without regenerating', () => {
    const amended = protoSource
      .replace('    Notice notice = 8;\n', '    Notice notice = 8;\n    Pong pong2 = 9;\n')
      .replace('  uint32 replayed = 6;\n', '  uint32 replayed = 6;\n  uint32 skipped = 99;\n')
      .replace('message ResumePoint {', 'message Extra {\n  string x = 1;\n}\n\nmessage ResumePoint {');
    expect(missingFromDocument(amended, doc)).toEqual(['message ServerMessage.pong2', 'schema Extra', 'field ServerMessage.pong2', 'field Ack.skipped']);
    // …and the generator, given that .proto, documents all of it.
    expect(missingFromDocument(amended, parseYaml(asyncapiYaml(amended)) as Json)).toEqual([]);
  });

  it('names every channel kind the server accepts, and every address it names is accepted', () => {
    const universe = { hasIndex: (id: string) => ['miners', 'ai-hpc'].includes(id), hasSymbol: (s: string) => ['IREN', 'MARA'].includes(s) };
    const kinds = new Set<string>();
    for (const name of channelNames(doc)) {
      const parsed = parseChannel(name, universe);
      expect(parsed, name).toMatchObject({ ok: true });
      if (parsed.ok) kinds.add(parsed.spec.kind);
    }
    expect([...kinds].sort()).toEqual(Object.keys(CHANNEL_KINDS).sort());
    const bars = Object.values(doc['channels'] as Json).find((c) => c['address'] === 'bars.{id}.{interval}');
    expect(bars?.['parameters']['interval']['enum']).toEqual(Object.keys(BAR_INTERVALS));
    const pattern = new RegExp(doc['components']['schemas']['ChannelName']['pattern'] as string);
    for (const name of channelNames(doc)) expect(pattern.test(name), name).toBe(true);
    for (const bad of ['index', 'index.a.b', 'bars.miners.2m', 'quotes.', 'statuses']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('lists every error code, close code and ingest reason with its registry meaning', () => {
    const schemas = doc['components']['schemas'] as Json;
    const consts = (name: string) => (schemas[name]['oneOf'] as Json[]).map((o) => o['const'] as number);
    expect(consts('ErrorCode')).toEqual(Object.values(ErrorCode));
    expect(consts('CloseCode')).toEqual(Object.values(CloseCode));
    expect(consts('IngestReasonCode')).toEqual(INGEST_REASONS.map((r) => r.code));
    for (const code of [...Object.values(ErrorCode), ...Object.values(CloseCode), ...INGEST_REASONS.map((r) => r.code)]) {
      expect(doc['info']['description'], `code ${code} in the overview`).toContain(`\`${code}\``);
    }
  });
});
