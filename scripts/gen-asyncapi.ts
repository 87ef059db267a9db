/**
 * docs/asyncapi.yaml, the protocol as an AsyncAPI 3 document, written from the sources it describes so
 * the two cannot drift: payload schemas (the protobuf JSON mapping) and their descriptions from
 * proto/hashcap.proto, channel names from server/feed/channels.ts, sub-protocols from
 * proto/wire-format.ts, error and close codes from proto/codes.ts, ingest reasons from
 * server/ingest/reasons.ts. What is written by hand here is the prose and the shape of the API.
 * `npm run asyncapi` rewrites the file; test/unit/asyncapi.test.ts fails while it differs from what this
 * would write, validates it with @asyncapi/parser and checks it covers every message of the .proto.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { stringify } from 'yaml';
import { CloseCode, ERROR_DESCRIPTIONS, ErrorCode } from '../proto/codes.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../proto/wire-format.ts';
import { BAR_INTERVALS, RATES } from '../server/feed/channels.ts';
import { INGEST_REASONS } from '../server/ingest/reasons.ts';

const ROOT = join(import.meta.dirname, '..');
export const ASYNCAPI_PATH = join(ROOT, 'docs', 'asyncapi.yaml');
export const PROTO_PATH = join(ROOT, 'proto', 'hashcap.proto');
const PACKAGE = 'hashcap.v1';

type Json = Record<string, unknown>;

const CLOSE_DESCRIPTIONS: Readonly<Record<keyof typeof CloseCode, string>> = {
  Normal: 'normal close',
  GoingAway: 'the server is shutting down (after a reconnect_advice notice)',
  TooBig: "a message over the transport's hard limit (1 MiB)",
  SlowConsumer: 'slow consumer: sent after a `closing` notice with a resume token, once the queue before it has drained',
  Restart: 'restart',
  LimitExceeded: 'a limit that cannot be answered message by message: more connections from the address than allowed (a race the upgrade check missed), or a client still sending after 100 messages refused for rate (2003); an error message with the code comes first',
  Unauthorized: 'a publisher on /v1/ingest without a valid token (the upgrade is normally refused with HTTP 401 first)',
  TokenExpired: "the subscriber's token expired (`--auth required`; a `token_expiring` notice came first): reconnect with a fresh token",
  PublisherKeyRevoked: "a publisher whose key a reload of the publisher keys file removed or gave a new token",
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const sentence = (comment: string | null | undefined) => (comment ? comment.replace(/\s*\n\s*/g, ' ').trim() : undefined);

/** Fields whose numbers or strings come from a registry: the schema names the registry's values. */
const FIELD_SCHEMAS: Readonly<Record<string, Json>> = {
  'Error.code': { anyOf: [ref('ErrorCode'), ref('IngestReasonCode')] },
  'Rejection.reason': ref('IngestReasonCode'),
  'Rejection.reasonName': ref('IngestReasonName'),
  'RejectCount.reason': ref('IngestReasonCode'),
  'RejectCount.name': ref('IngestReasonName'),
  'Notice.code': ref('CloseCode'),
  'Subscribe.channels': { type: 'array', items: ref('ChannelName') },
  'Unsubscribe.channels': { type: 'array', items: ref('ChannelName') },
  'Subscribe.conflateMs': ref('Rate'),
  'Unsubscribe.conflateMs': ref('Rate'),
};

function scalarSchema(type: string): Json {
  switch (type) {
    case 'double':
    case 'float':
      // The JSON mapping writes a non-finite value as a string.
      return { oneOf: [{ type: 'number' }, { type: 'string', enum: ['NaN', 'Infinity', '-Infinity'] }] };
    case 'uint32':
    case 'fixed32':
      return { type: 'integer', minimum: 0, maximum: 4294967295 };
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
    case 'uint64':
    case 'fixed64':
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      // Written as a decimal string; a number is accepted on input.
      return { oneOf: [{ type: 'string', pattern: type.startsWith('u') || type === 'fixed64' ? '^[0-9]+$' : '^-?[0-9]+$' }, { type: 'integer' }] };
    case 'bool':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string' };
    case 'bytes':
      return { type: 'string', contentEncoding: 'base64' };
    default:
      throw new Error(`gen-asyncapi: no JSON schema for protobuf type ${type}`);
  }
}

function fieldSchema(owner: protobuf.Type, field: protobuf.Field): Json {
  const fixed = FIELD_SCHEMAS[`${owner.name}.${field.name}`];
  const resolved = field.resolve().resolvedType;
  const item = fixed ?? (resolved ? ref(resolved.name) : scalarSchema(field.type));
  const schema: Json = field.repeated && !fixed ? { type: 'array', items: item } : { ...item };
  const description = sentence(field.comment);
  const facts = [`protobuf field ${field.id}`, field.options?.['proto3_optional'] ? 'optional: present when set, even at 0 or false' : ''];
  schema['description'] = [description, facts.filter(Boolean).join('; ')].filter(Boolean).join(' — ');
  return schema;
}

function messageSchema(type: protobuf.Type): Json {
  const properties: Json = {};
  for (const field of type.fieldsArray) properties[field.name] = fieldSchema(type, field);
  const schema: Json = {
    type: 'object',
    'x-protobuf-message': `${PACKAGE}.${type.name}`,
    ...(sentence(type.comment) ? { description: sentence(type.comment) } : {}),
    properties,
  };
  // A real oneof (not proto3 optional's synthetic one): at most one of its members is present.
  const oneofs = type.oneofsArray.filter((o) => !o.name.startsWith('_') && o.oneof.length > 1);
  if (oneofs.length > 0) {
    schema['allOf'] = oneofs.map((o) => ({
      description: `oneof ${o.name}: at most one of ${o.oneof.join(', ')}`,
      not: { anyOf: pairs(o.oneof).map(([a, b]) => ({ required: [a, b] })) },
    }));
  }
  return schema;
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

function enumSchema(e: protobuf.Enum): Json {
  return {
    'x-protobuf-enum': `${PACKAGE}.${e.name}`,
    description: `${sentence(e.comment) ?? e.name}. Written by name; the number is accepted on input.`,
    oneOf: [
      { type: 'string', enum: Object.keys(e.values) },
      { type: 'integer', enum: Object.values(e.values) },
    ],
  };
}

export function loadProto(source = readFileSync(PROTO_PATH, 'utf8')): protobuf.Namespace {
  const { root } = protobuf.parse(source, { alternateCommentMode: true });
  root.resolveAll();
  return root.lookup(PACKAGE) as protobuf.Namespace;
}

/** The variants of a wrapper message's oneof (ServerMessage.msg, …) in field order. */
export function variants(ns: protobuf.Namespace, wrapper: string): protobuf.Field[] {
  const type = ns.lookupType(wrapper);
  const oneof = type.oneofsArray.find((o) => !o.name.startsWith('_'));
  if (!oneof) throw new Error(`${wrapper} has no oneof`);
  return oneof.fieldsArray;
}

const title = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** One AsyncAPI message per oneof variant: its JSON is `{"<variant>": {...}}`. */
function variantMessages(ns: protobuf.Namespace, wrapper: string): Json {
  const messages: Json = {};
  for (const field of variants(ns, wrapper)) {
    const type = field.resolve().resolvedType as protobuf.Type;
    messages[`${wrapper}.${field.name}`] = {
      name: field.name,
      title: `${wrapper}.${field.name} (${type.name})`,
      summary: sentence(type.comment) ?? `${type.name}`,
      description:
        `In ${SUBPROTOCOL_JSON}: a text frame holding this JSON. In ${SUBPROTOCOL_PROTO}: a binary frame holding ` +
        `the protobuf encoding of ${PACKAGE}.${wrapper} with field ${field.id} (\`${field.name}\`) set ` +
        `(proto/hashcap.proto).`,
      contentType: 'application/json',
      'x-protobuf-message': `${PACKAGE}.${wrapper}`,
      'x-protobuf-field': field.id,
      payload: {
        type: 'object',
        required: [field.name],
        additionalProperties: false,
        properties: { [field.name]: ref(type.name) },
      },
    };
  }
  return messages;
}

function codeSchemas(): Json {
  return {
    ErrorCode: {
      description: 'Error.code a subscriber receives (proto/codes.ts): 1xxx the request was wrong, 2xxx a limit was hit.',
      type: 'integer',
      oneOf: Object.entries(ErrorCode).map(([name, code]) => ({ const: code, title: name, description: ERROR_DESCRIPTIONS[code] })),
    },
    IngestReasonCode: {
      description:
        'Why ingest refused a tick (30xx, IngestReply.rejected[].reason) or a whole batch (31xx, IngestReply.error.code) ' +
        '(server/ingest/reasons.ts). Also the status channel\'s reject counters.',
      type: 'integer',
      oneOf: INGEST_REASONS.map((r) => ({ const: r.code, title: r.name, description: `${r.scope}: ${r.description}` })),
    },
    IngestReasonName: { type: 'string', enum: INGEST_REASONS.map((r) => r.name) },
    CloseCode: {
      description: 'Websocket close codes the server sends (proto/codes.ts); 4000–4999 are the application\'s.',
      type: 'integer',
      oneOf: Object.entries(CloseCode).map(([name, code]) => ({
        const: code,
        title: name,
        description: CLOSE_DESCRIPTIONS[name as keyof typeof CloseCode],
      })),
    },
    Rate: {
      description: '0 = raw (every change); otherwise a conflation interval in ms: latest value wins, a topic (and seq) of its own.',
      type: 'integer',
      enum: [...RATES],
    },
    ChannelName: {
      description: 'A channel of protocol v1 (server/feed/channels.ts); at most 64 characters.',
      type: 'string',
      maxLength: 64,
      pattern: `^(status|quotes\\.\\*|index\\.[^.]+|quotes\\.[^.]+|bars\\.[^.]+\\.(${Object.keys(BAR_INTERVALS).join('|')}))$`,
    },
  };
}

const codeList = (entries: [string | number, string][]) => entries.map(([code, text]) => `- \`${code}\` ${text}`).join('\n');

export function asyncapiDocument(source?: string): Json {
  const ns = loadProto(source);
  const schemas: Json = {};
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) schemas[nested.name] = messageSchema(nested);
    else if (nested instanceof protobuf.Enum) schemas[nested.name] = enumSchema(nested);
  }
  Object.assign(schemas, codeSchemas());

  const server = variantMessages(ns, 'ServerMessage');
  const client = variantMessages(ns, 'ClientMessage');
  const publisher = variantMessages(ns, 'PublisherMessage');
  const msg = (key: string) => ({ $ref: `#/components/messages/${key}` });
  const onChannel = (names: readonly string[], prefix: string) =>
    Object.fromEntries(names.map((n) => [n, msg(`${prefix}.${n}`)]));

  /** A data channel: what flows per subscribed channel and rate. */
  const dataChannel = (address: string, description: string, parameters?: Json) => ({
    address,
    description:
      `${description}\n\nPer subscription (channel, rate): an Ack, then a Snapshot with (epoch, seq), then Deltas ` +
      'with contiguous seq, periodic keyframes (Snapshot with keyframe = true, crc32 and jsonCrc32) after new deltas, ' +
      'and a Heartbeat each second the channel is idle. All of it multiplexed on the /v1/stream connection.',
    servers: [{ $ref: '#/servers/stream' }],
    ...(parameters ? { parameters } : {}),
    messages: onChannel(['snapshot', 'delta', 'heartbeat'], 'ServerMessage'),
  });
  const channelParameters = {
    id: { description: 'An index id (a basket file\'s id).', examples: ['miners', 'ai-hpc'] },
    symbol: { description: 'A ticker that is a constituent of a loaded index.', examples: ['IREN', 'MARA'] },
    interval: { description: 'Bar interval.', enum: Object.keys(BAR_INTERVALS), examples: Object.keys(BAR_INTERVALS) },
  };

  const channels: Json = {
    connection: {
      address: null,
      title: 'The subscriber connection',
      description:
        'Requests and their answers on a /v1/stream connection: a ClientMessage per frame from the client; Ack, ' +
        'Error, SubscriptionList, Pong and Notice from the server.',
      servers: [{ $ref: '#/servers/stream' }],
      messages: {
        ...onChannel(variants(ns, 'ClientMessage').map((f) => f.name), 'ClientMessage'),
        ...onChannel(['ack', 'error', 'subscriptions', 'pong', 'notice'], 'ServerMessage'),
      },
    },
    index: dataChannel('index.{id}', 'An index: level, market cap, changes, weights and contributions per constituent (IndexState).', {
      id: channelParameters.id,
    }),
    quote: dataChannel('quotes.{symbol}', 'One symbol\'s quote: last, size, bid/ask, volume, session (QuotesState, one entry).', {
      symbol: channelParameters.symbol,
    }),
    quotesAll: dataChannel('quotes.*', 'Every symbol\'s quote (QuotesState: all in a snapshot, the changed ones in a delta).'),
    bars: dataChannel('bars.{id}.{interval}', 'OHLC bars of an index (BarsState: a full extended day of history, 04:00–20:00 ET, in a snapshot).', {
      id: channelParameters.id,
      interval: channelParameters.interval,
    }),
    symbolBars: dataChannel(
      'bars.{symbol}.{interval}',
      'OHLC bars of one symbol\'s last trade price, with the shares traded in each bar (BarsState with `symbol` set: a full extended day of history in a snapshot).',
      { symbol: channelParameters.symbol, interval: channelParameters.interval },
    ),
    status: dataChannel(
      'status',
      'Session and next change, halted/stale symbols, milestone crossings, notices, ingest rejections by reason, and what the ' +
        'prices are (source LIVE / SIMULATED / REPLAY with its speed) with the feed\'s market clock (StatusState).',
    ),
    ingest: {
      address: null,
      title: 'The publisher connection',
      description: 'A PublisherMessage per frame from the publisher; an IngestReply for every batch.',
      servers: [{ $ref: '#/servers/ingest' }],
      messages: { ...onChannel(variants(ns, 'PublisherMessage').map((f) => f.name), 'PublisherMessage'), ingestReply: msg('IngestReply') },
    },
    quotesPost: {
      address: '/v1/quotes',
      title: 'POST /v1/quotes',
      description:
        'One IngestBatch per request (application/x-protobuf or application/json), answered with an IngestReply in ' +
        'the same format; HTTP 401/400/413/415 for a refused batch (IngestReply.error.code 3100–3103), 429 with Retry-After for a publisher over its batch rate (3111, `retryAfterMs`), 503 with Retry-After when an aggregator cannot log the batch (3104).',
      servers: [{ $ref: '#/servers/http' }],
      messages: { ingestBatch: msg('IngestBatch'), ingestReply: msg('IngestReply') },
      bindings: { http: { bindingVersion: '0.3.0' } },
    },
  };

  const op = (action: 'send' | 'receive', channel: string, messages: string[], summary: string, extra: Json = {}) => ({
    action,
    summary,
    channel: { $ref: `#/channels/${channel}` },
    messages: messages.map((m) => ({ $ref: `#/channels/${channel}/messages/${m}` })),
    ...extra,
  });
  const dataOps = Object.fromEntries(
    ['index', 'quote', 'quotesAll', 'bars', 'symbolBars', 'status'].map((c) => [
      `publish${title(c)}`,
      op('send', c, ['snapshot', 'delta', 'heartbeat'], `Snapshot, deltas, keyframes and heartbeats of ${String((channels[c] as Json)['address'])}`),
    ]),
  );
  const operations: Json = {
    receiveRequest: op('receive', 'connection', variants(ns, 'ClientMessage').map((f) => f.name), 'A client request'),
    sendAnswer: op('send', 'connection', ['ack', 'error', 'subscriptions', 'pong', 'notice'], 'Answers to requests, and notices'),
    ...dataOps,
    receiveBatch: op('receive', 'ingest', variants(ns, 'PublisherMessage').map((f) => f.name), 'A batch of ticks from a publisher', {
      reply: { channel: { $ref: '#/channels/ingest' }, messages: [{ $ref: '#/channels/ingest/messages/ingestReply' }] },
    }),
    receiveQuotesPost: op('receive', 'quotesPost', ['ingestBatch'], 'A batch of ticks posted over HTTP', {
      bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
      reply: { channel: { $ref: '#/channels/quotesPost' }, messages: [{ $ref: '#/channels/quotesPost/messages/ingestReply' }] },
    }),
  };

  const wholeMessage = (name: string, summary: string) => ({
    name,
    title: name,
    summary,
    contentType: 'application/json',
    'x-protobuf-message': `${PACKAGE}.${name}`,
    description: `In JSON: the protobuf JSON mapping of ${PACKAGE}.${name}. In protobuf: its binary encoding (proto/hashcap.proto).`,
    payload: ref(name),
  });

  const subprotocols =
    `Sub-protocols (Sec-WebSocket-Protocol): \`${SUBPROTOCOL_PROTO}\` (the default) — binary frames, each one protobuf ` +
    `message of proto/hashcap.proto; \`${SUBPROTOCOL_JSON}\` — text frames, each the same message in the standard ` +
    'protobuf JSON mapping (lowerCamelCase names, 64-bit integers as strings, enums by name, fields at their default ' +
    'value left out). The payload schemas below are that JSON mapping; each message names the protobuf message ' +
    'and field it is in binary (`x-protobuf-message`, `x-protobuf-field`).';

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'hashcap protocol v1',
      version: '1.0.0',
      description:
        'Real-time market-data feed: an incremental market-cap index of bitcoin-miner / AI-HPC stocks, snapshot then ' +
        'deltas with contiguous seqs per channel and rate. This document is generated by scripts/gen-asyncapi.ts ' +
        'from proto/hashcap.proto and the code registries; operations are described from the server\'s side ' +
        '(it receives requests and ticks, it sends answers and data).\n\n' +
        `${subprotocols}\n\n` +
        `Error codes (Error.code):\n${codeList(Object.entries(ErrorCode).map(([, c]) => [c, ERROR_DESCRIPTIONS[c]]))}\n\n` +
        `Ingest reasons:\n${codeList(INGEST_REASONS.map((r) => [r.code, `${r.name} (${r.scope})`]))}\n\n` +
        `Close codes:\n${codeList(Object.entries(CloseCode).map(([n, c]) => [c, CLOSE_DESCRIPTIONS[n as keyof typeof CloseCode]]))}`,
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      stream: {
        host: 'localhost:8080',
        pathname: '/v1/stream',
        protocol: 'ws',
        title: 'Subscribers',
        description: `GET /v1/stream, upgraded to a websocket. ${subprotocols}`,
      },
      ingest: {
        host: 'localhost:8080',
        pathname: '/v1/ingest',
        protocol: 'ws',
        title: 'Publishers',
        description:
          `GET /v1/ingest, upgraded to a websocket, same sub-protocols (${SUBPROTOCOL_PROTO} / ${SUBPROTOCOL_JSON}). ` +
          'The publisher token as `Authorization: Bearer <token>` or `?token=`; without one the upgrade is refused ' +
          'with HTTP 401 (or the socket closed with 4401).',
        security: [{ $ref: '#/components/securitySchemes/publisherToken' }],
      },
      http: {
        host: 'localhost:8080',
        protocol: 'http',
        title: 'HTTP',
        description: 'POST /v1/quotes for publishers; also GET /v1/snapshot, /healthz, /metrics (not described here).',
        security: [{ $ref: '#/components/securitySchemes/publisherToken' }],
      },
    },
    channels,
    operations,
    components: {
      schemas,
      messages: {
        ...server,
        ...client,
        ...publisher,
        IngestBatch: wholeMessage('IngestBatch', 'A batch of ticks (the body of POST /v1/quotes)'),
        IngestReply: wholeMessage('IngestReply', 'The answer to every batch: accepted count, a reason per rejected tick'),
      },
      securitySchemes: {
        publisherToken: {
          type: 'httpApiKey',
          name: 'Authorization',
          in: 'header',
          description: '`Authorization: Bearer <token>` (or the `token` query parameter) with a publisher token (--token).',
        },
      },
    },
  };
}

const HEADER =
  '# hashcap protocol v1 as AsyncAPI 3. Generated by scripts/gen-asyncapi.ts (`npm run asyncapi`) from\n' +
  '# proto/hashcap.proto and the code registries: edit those, not this file.\n';

export function asyncapiYaml(source?: string): string {
  return HEADER + stringify(asyncapiDocument(source), { lineWidth: 110, aliasDuplicateObjects: false });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = asyncapiYaml();
  const before = (() => {
    try {
      return readFileSync(ASYNCAPI_PATH, 'utf8');
    } catch {
      return '';
    }
  })();
  if (text !== before) writeFileSync(ASYNCAPI_PATH, text);
  console.log(text === before ? 'docs/asyncapi.yaml is up to date' : 'docs/asyncapi.yaml written');
}
