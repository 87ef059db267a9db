/**
 * Protobuf field tags, (field number << 3) | wire type, of the messages the hand-written reader and
 * writer handle: Tick, IngestBatch, PublisherMessage (proto/hashcap.proto) and the recording's
 * RecordingChunk and RecordingHeader (server/sources/recording/recording.proto). Every tag is below
 * 128: one byte.
 */
export const TAG_TICK_SYMBOL = (1 << 3) | 2;
export const TAG_TICK_KIND = (2 << 3) | 0;
export const TAG_TICK_PRICE = (3 << 3) | 1;
export const TAG_TICK_SIZE = (4 << 3) | 1;
export const TAG_TICK_BID = (5 << 3) | 1;
export const TAG_TICK_ASK = (6 << 3) | 1;
export const TAG_TICK_BID_SIZE = (7 << 3) | 1;
export const TAG_TICK_ASK_SIZE = (8 << 3) | 1;
export const TAG_TICK_TIME = (9 << 3) | 1;
export const TAG_TICK_SEQ = (10 << 3) | 0;
export const TAG_TICK_CONDITION = (11 << 3) | 2;
export const TAG_TICK_ORIGINAL_SEQ = (12 << 3) | 0;
export const TAG_BATCH_ID = (1 << 3) | 0;
export const TAG_BATCH_TICK = (2 << 3) | 2;
export const TAG_CHUNK_PUBLISHER = (1 << 3) | 2;
export const TAG_CHUNK_BATCH = (2 << 3) | 2;
export const TAG_PUBLISHER_BATCH = (1 << 3) | 2;
export const TAG_HEADER_VERSION = (1 << 3) | 0;
export const TAG_HEADER_STARTED = (2 << 3) | 1;
export const TAG_HEADER_BASKET = (3 << 3) | 2;

export const WIRE_TAGS = {
  TAG_TICK_SYMBOL,
  TAG_TICK_KIND,
  TAG_TICK_PRICE,
  TAG_TICK_SIZE,
  TAG_TICK_BID,
  TAG_TICK_ASK,
  TAG_TICK_BID_SIZE,
  TAG_TICK_ASK_SIZE,
  TAG_TICK_TIME,
  TAG_TICK_SEQ,
  TAG_TICK_CONDITION,
  TAG_TICK_ORIGINAL_SEQ,
  TAG_BATCH_ID,
  TAG_BATCH_TICK,
  TAG_CHUNK_PUBLISHER,
  TAG_CHUNK_BATCH,
  TAG_PUBLISHER_BATCH,
  TAG_HEADER_VERSION,
  TAG_HEADER_STARTED,
  TAG_HEADER_BASKET,
} as const;

