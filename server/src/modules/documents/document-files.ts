import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The bytes of documents on disk: DATA_DIR/files/<workspace id>/<yy>/<document id>. The path is made
 * only of ids Rapport created, never of a name someone typed. Uploads land in DATA_DIR/files/.tmp
 * (the same file system) and are renamed into place once the database row exists.
 */
export const filesRoot = (dataDir: string) => path.join(dataDir, 'files');

export function storageKey(workspaceId: string, id: string, now: Date): string {
  const yy = String(now.getUTCFullYear() % 100).padStart(2, '0');
  return `${workspaceId}/${yy}/${id}`;
}

const ID = /^[0-9a-f-]{36}$/;

/** The absolute path of a stored key; refuses anything that is not workspace/yy/id. */
export function pathOf(dataDir: string, key: string): string {
  const [workspace, yy, id, ...rest] = key.split('/');
  if (rest.length > 0 || !workspace || !ID.test(workspace) || !yy || !/^\d{2}$/.test(yy) || !id || !ID.test(id)) {
    throw new Error(`Not a document storage key: ${key}`);
  }
  return path.join(filesRoot(dataDir), workspace, yy, id);
}

export type Received = { tmpPath: string; size: number; sha256: string; head: Buffer };

/**
 * Writes an incoming stream to a temporary file while hashing it and keeping its first bytes.
 * On any failure (an aborted upload, a full disk) the temporary file is removed before rethrowing.
 */
export async function receive(dataDir: string, input: NodeJS.ReadableStream): Promise<Received> {
  const tmpDir = path.join(filesRoot(dataDir), '.tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headSize < 16) {
        headChunks.push(chunk.subarray(0, 16 - headSize));
        headSize += Math.min(chunk.length, 16 - headSize);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(input, tap, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(tmpPath, { force: true });
    throw err;
  }
  return { tmpPath, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
}

/** Moves a received file to its final place (atomic within one file system). */
export async function place(dataDir: string, tmpPath: string, key: string): Promise<string> {
  const target = pathOf(dataDir, key);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tmpPath, target);
  return target;
}

export const discard = (file: string) => rm(file, { force: true });

export const openContent = (dataDir: string, key: string) => createReadStream(pathOf(dataDir, key));
