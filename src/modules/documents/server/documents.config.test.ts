import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';

// A secret key in the environment, so loading the configuration writes nothing to disk.
const base = { TOBIRA_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: '/srv/tobira' };

describe('documents configuration', () => {
  it('keeps documents under DATA_DIR/documents, 10 MB at most, unless told otherwise', () => {
    expect(loadConfig(base)).toMatchObject({ documentsDir: path.resolve('/srv/tobira/documents'), documentMaxBytes: 10 * 1024 * 1024 });
    expect(loadConfig({ ...base, DOCUMENTS_DIR: '/mnt/encrypted/docs', TOBIRA_DOCUMENT_MAX_MB: '25' })).toMatchObject({
      documentsDir: path.resolve('/mnt/encrypted/docs'),
      documentMaxBytes: 25 * 1024 * 1024,
    });
  });

  it('refuses a size that is not a positive number', () => {
    expect(() => loadConfig({ ...base, TOBIRA_DOCUMENT_MAX_MB: 'ten' })).toThrow(/TOBIRA_DOCUMENT_MAX_MB/);
    expect(() => loadConfig({ ...base, TOBIRA_DOCUMENT_MAX_MB: '0' })).toThrow(/TOBIRA_DOCUMENT_MAX_MB/);
  });
});
