/**
 * Chunks of a file, read on demand (gunzipped when the file is gzip), so a reader holds one chunk and
 * the record it is working on, never the whole file. Errors come out as RecordingErrors.
 */
import { Buffer } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import type { ReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { errorText, RecordingCode, RecordingError } from './errors.ts';

export const DEFAULT_READ_CHUNK_BYTES = 64 * 1024;

export class ByteSource {
  /** The name errors use (the path as given). */
  readonly file: string;
  readonly compressed: boolean;
  private readonly handle: FileHandle;
  private readonly chunkBytes: number;
  /** Gzip only: the file stream and the gunzipped chunks. */
  private readonly raw: ReadStream | null;
  private readonly iterator: AsyncIterator<Buffer> | null;
  private position: number;
  private closed: boolean;

  private constructor(file: string, handle: FileHandle, compressed: boolean, chunkBytes: number) {
    this.file = file;
    this.handle = handle;
    this.compressed = compressed;
    this.chunkBytes = chunkBytes;
    this.position = 0;
    this.closed = false;
    if (compressed) {
      const raw = handle.createReadStream({ start: 0, highWaterMark: chunkBytes, autoClose: false });
      const gunzip = createGunzip({ chunkSize: chunkBytes });
      raw.on('error', (error) => gunzip.destroy(error));
      raw.pipe(gunzip);
      this.raw = raw;
      this.iterator = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    } else {
      this.raw = null;
      this.iterator = null;
    }
  }

  static async open(path: string, chunkBytes = DEFAULT_READ_CHUNK_BYTES): Promise<ByteSource> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw new RecordingError(RecordingCode.IO, { file: path }, `cannot open: ${errorText(error)}`, { cause: error });
    }
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      const compressed = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
      return new ByteSource(path, handle, compressed, chunkBytes);
    } catch (error) {
      await handle.close().catch(() => {});
      throw new RecordingError(RecordingCode.IO, { file: path }, `cannot read: ${errorText(error)}`, { cause: error });
    }
  }

  /** Bytes read from the file so far (compressed bytes for a gzip file). */
  get bytesRead(): number {
    return this.raw ? this.raw.bytesRead : this.position;
  }

  /** The next chunk (a new buffer each time), or null at the end of the file. */
  async next(): Promise<Buffer | null> {
    if (this.closed) return null;
    if (this.iterator === null) {
      let bytesRead: number;
      const chunk = Buffer.allocUnsafe(this.chunkBytes);
      try {
        ({ bytesRead } = await this.handle.read(chunk, 0, this.chunkBytes, this.position));
      } catch (error) {
        throw new RecordingError(RecordingCode.IO, { file: this.file }, `cannot read: ${errorText(error)}`, { cause: error });
      }
      if (bytesRead === 0) return null;
      this.position += bytesRead;
      return bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead);
    }
    let result: IteratorResult<Buffer>;
    try {
      result = await this.iterator.next();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'Z_BUF_ERROR') {
        throw new RecordingError(RecordingCode.TRUNCATED, { file: this.file }, 'the gzip stream ends early (the file is truncated)', {
          cause: error,
        });
      }
      const gzip = typeof code === 'string' && code.startsWith('Z_');
      throw new RecordingError(
        gzip ? RecordingCode.CORRUPT : RecordingCode.IO,
        { file: this.file },
        gzip ? `the gzip stream is corrupt: ${errorText(error)}` : `cannot read: ${errorText(error)}`,
        { cause: error },
      );
    }
    return result.done ? null : result.value;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.raw?.destroy();
    await this.iterator?.return?.().catch(() => undefined);
    await this.handle.close().catch(() => {});
  }
}
