import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { DocumentMeta } from '../contract';
import { checkFile, DocumentsSection } from './DocumentsSection';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const me = {
  id: '5b0c1e55-3f0e-4c55-9a39-2f4f0b1e8a22', email: 'cw@test.local', displayName: 'Caseworker', role: 'caseworker', language: 'en',
  permissions: ['people.read', 'documents.read', 'documents.write'], organisationName: 'Test', csrfToken: 'csrf',
};
const passport: DocumentMeta = {
  id: '7d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a33', personId, kind: 'passport', note: 'photo page', fileName: 'passport.jpg',
  contentType: 'image/jpeg', sizeBytes: 1_572_864, sha256: 'a'.repeat(64), uploadedAt: '2026-11-27T23:30:00Z',
  uploadedBy: me.id, uploadedByName: 'Caseworker', deletedAt: null, deletedBy: null,
};
const MB = 1024 * 1024;

describe('checkFile', () => {
  it('refuses what is too large or not a photo or PDF, and accepts HEIC by its name when the browser does not know it', () => {
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 * MB }, 10 * MB)).toBeNull();
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 * MB + 1 }, 10 * MB)).toBe('tooLarge');
    expect(checkFile({ name: 'a.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 }, 10 * MB)).toBe('wrongType');
    expect(checkFile({ name: 'IMG_0001.HEIC', type: '', size: 10 }, 10 * MB)).toBeNull();
    expect(checkFile({ name: 'run.exe', type: '', size: 10 }, 10 * MB)).toBe('wrongType');
  });
});

describe('DocumentsSection', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, me);
      if (url === `/api/people/${personId}/documents` && (init?.method ?? 'GET') === 'GET') return jsonResponse(200, { items: [passport], maxBytes: 10 * MB });
      if (url === `/api/people/${personId}/documents`) {
        return jsonResponse(415, { error: { code: 'document.type_not_allowed', message: 'This kind of file is not accepted.', fields: { file: 'File: invalid value' } } });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function renderSection() {
    renderWithProviders(
      <RequireAuth>
        <DocumentsSection personId={personId} />
      </RequireAuth>,
    );
    return screen.findByRole('table', { name: 'Documents' });
  }

  it('lists documents with kind, size, Tokyo time, who, and open/download links', async () => {
    const table = await renderSection();
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('Passport');
    expect(row.textContent).toContain('passport.jpg');
    expect(row.textContent).toContain('photo page');
    expect(row.textContent).toContain('1.5 MB');
    // 23:30 UTC on the 27th is 08:30 on the 28th in Tokyo.
    expect(row.textContent).toContain('28 Nov 2026');
    expect(row.textContent).toContain('08:30');
    expect(within(row).getByRole('link', { name: 'Open passport.jpg (new tab)' }).getAttribute('href')).toBe(`/api/documents/${passport.id}/content`);
    expect(within(row).getByRole('link', { name: 'Download passport.jpg' }).getAttribute('href')).toBe(`/api/documents/${passport.id}/content?download=true`);
    expect(within(row).getByRole('button', { name: 'Delete passport.jpg' })).toBeDefined();
  });

  it('says a chosen file is too large before sending it, and shows the server’s refusal under the file after', async () => {
    await renderSection();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.getAttribute('accept')).toContain('application/pdf');
    const big = new File([new Uint8Array(11 * MB)], 'scan.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [big] } });
    expect(await screen.findByText('This file is 11 MB: at most 10 MB is accepted.')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);

    const fake = new File([new Uint8Array([0x4d, 0x5a])], 'notice.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [fake] } });
    fireEvent.click(screen.getByRole('combobox', { name: 'Kind of document' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Decision notice', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(screen.getByText('File: invalid value')).toBeDefined());
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    const body = (post?.[1] as RequestInit).body as FormData;
    expect(body.get('kind')).toBe('decision_notice');
    expect((body.get('file') as File).name).toBe('notice.pdf');
  });
});
