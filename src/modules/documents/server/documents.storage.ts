import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FieldCipher } from '../../../server/crypto/field-cipher';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The file of a document on disk: its random id, nothing else (never a person's name). */
export function documentPath(dir: string, id: string): string {
  // The id always comes from the database or a UUID route parameter; checked again so that no
  // value can ever reach outside the directory.
  if (!ID.test(id)) throw new Error('invalid document id');
  return path.join(dir, id);
}

/**
 * The documents directory: each file encrypted with the field cipher, written whole or not at all
 * (a temporary file in the same directory, flushed, then renamed over its final name).
 */
export function createDocumentStore(dir: string | undefined, cipher: FieldCipher) {
  const root = () => {
    if (!dir) throw new Error('the documents directory is not configured (DOCUMENTS_DIR)');
    return dir;
  };
  return {
    /** Encrypts and writes the file of document `id`; on any failure nothing is left behind. */
    async put(id: string, plain: Buffer): Promise<void> {
      const finalPath = documentPath(root(), id);
      await mkdir(root(), { recursive: true, mode: 0o700 });
      const tmpPath = path.join(root(), `.tmp-${id}-${randomBytes(6).toString('hex')}`);
      try {
        const handle = await open(tmpPath, 'wx', 0o600);
        try {
          await handle.writeFile(cipher.sealBytes(plain));
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmpPath, finalPath);
      } catch (error) {
        await rm(tmpPath, { force: true });
        throw error;
      }
    },

    /** The decrypted file of document `id`, or null when the file is not there. */
    async get(id: string): Promise<Buffer | null> {
      let sealed: Buffer;
      try {
        sealed = await readFile(documentPath(root(), id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return cipher.openBytes(sealed);
    },

    /** Erases the file of document `id` (no error if it is already gone). */
    async remove(id: string): Promise<void> {
      await rm(documentPath(root(), id), { force: true });
    },
  };
}
export type DocumentStore = ReturnType<typeof createDocumentStore>;
