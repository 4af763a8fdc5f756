import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../server/crypto/field-cipher';
import { createDocumentStore, documentPath } from './documents.storage';
import { contentDisposition, nameForType, sanitiseFileName } from './file-names';

describe('sanitiseFileName', () => {
  it('keeps a normal name, Japanese included, and drops directories and control characters', () => {
    expect(sanitiseFileName('在留カード 表.jpg', 'jpg')).toBe('在留カード 表.jpg');
    expect(sanitiseFileName('C:\\Users\\amina\\scan.pdf', 'pdf')).toBe('scan.pdf');
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(sanitiseFileName('evil\u202egpj.pdf', 'pdf')).toBe('evilgpj.pdf');
    expect(sanitiseFileName('a\r\nb\t.png', 'png')).toBe('ab.png');
    expect(sanitiseFileName('..hidden.png', 'png')).toBe('hidden.png');
  });

  it('names a file without a usable name by its type, and shortens a long one keeping the extension', () => {
    expect(sanitiseFileName('', 'png')).toBe('document.png');
    expect(sanitiseFileName(undefined, 'pdf')).toBe('document.pdf');
    expect(sanitiseFileName('   ', 'heic')).toBe('document.heic');
    const long = sanitiseFileName(`${'あ'.repeat(300)}.pdf`, 'pdf');
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('inline', 'scan.pdf')).toBe(`inline; filename="scan.pdf"; filename*=UTF-8''scan.pdf`);
    expect(contentDisposition('attachment', '指定書 (1).pdf')).toBe(`attachment; filename="___ (1).pdf"; filename*=UTF-8''%E6%8C%87%E5%AE%9A%E6%9B%B8%20%281%29.pdf`);
    expect(contentDisposition('inline', 'a"b\\c%d.png')).toBe(`inline; filename="a_b_c_d.png"; filename*=UTF-8''a%22b%5Cc%25d.png`);
  });
});

describe('document store', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const cipher = createFieldCipher(randomBytes(32));
  const id = '6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

  it('writes encrypted, reads back the same bytes, and erases', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tobira-store-'));
    dirs.push(dir);
    const store = createDocumentStore(path.join(dir, 'documents'), cipher);
    const plain = Buffer.from('passport page, number TZ1234567');
    await store.put(id, plain);
    expect(await readdir(path.join(dir, 'documents'))).toEqual([id]);
    expect((await store.get(id))?.equals(plain)).toBe(true);
    await store.remove(id);
    expect(await store.get(id)).toBeNull();
    await store.remove(id);
  });

  it('leaves nothing behind when the final name cannot be written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tobira-store-'));
    dirs.push(dir);
    const store = createDocumentStore(dir, cipher);
    // A directory where the file should go: the rename fails, and the temporary file must go too.
    await writeFile(path.join(dir, 'keep.txt'), 'x');
    await mkdir(path.join(dir, id, 'inside'), { recursive: true });
    await expect(store.put(id, Buffer.from('data'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual([id, 'keep.txt']);
  });

  it('refuses ids that are not UUIDs and works only when configured', async () => {
    expect(() => documentPath('/data/documents', '../secret.key')).toThrow('invalid document id');
    await expect(createDocumentStore(undefined, cipher).get(id)).rejects.toThrow(/DOCUMENTS_DIR/);
  });
});

describe('nameForType', () => {
  it('gives a file the ending of what its bytes are, keeping a fitting one', () => {
    expect(nameForType('evil.html', 'image/png')).toBe('evil.png');
    expect(nameForType('scan', 'application/pdf')).toBe('scan.pdf');
    expect(nameForType('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(nameForType('在留カード.jpg', 'image/jpeg')).toBe('在留カード.jpg');
    expect(nameForType('report.pdf.exe', 'application/pdf')).toBe('report.pdf.pdf');
  });
});
