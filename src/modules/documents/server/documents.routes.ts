import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { DocumentList, DocumentMeta, UploadDocumentForm } from '../contract';
import { documentTooLarge, type DocumentsService } from './documents.service';
import { contentDisposition, nameForType } from './file-names';

const IdParams = z.object({ id: z.uuid() });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }) });

export function documentRoutes(documents: DocumentsService) {
  return async function routes(fastify: FastifyInstance) {
    // Multipart only for this module's routes (this plugin is encapsulated). The file is read whole
    // (it is encrypted whole) and handed to validation as a File, so the zod schema checks it too.
    await fastify.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: documents.maxBytes, files: 1, fields: 5, fieldSize: 16 * 1024, parts: 6 },
      async onFile(part: MultipartFile) {
        let content: Buffer;
        try {
          content = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw documentTooLarge(documents.maxBytes);
          }
          throw error;
        }
        // The type the browser claimed is dropped: the service looks at the bytes.
        part.value = new File([new Uint8Array(content.buffer as ArrayBuffer, content.byteOffset, content.length)], part.filename);
      },
    });
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/people/:id/documents', {
      config: { access: 'documents.write' },
      schema: {
        tags: ['documents'],
        summary: 'Attach a document to a person (multipart/form-data: file, kind, note)',
        description:
          'Accepts JPEG, PNG, WebP, HEIC/HEIF and PDF, recognised by their content (not by name or claimed type), ' +
          'up to the configured size (TOBIRA_DOCUMENT_MAX_MB, default 10 MB). The file is stored encrypted outside the database.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: UploadDocumentForm,
        response: { 201: DocumentMeta, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (request, reply) => {
      const { file, kind, note } = request.body;
      const content = Buffer.from(await file.arrayBuffer());
      const meta = await documents.upload(requestContext(request), request.params.id, { content, fileName: file.name, kind, note });
      return reply.status(201).send(meta);
    });

    app.get('/api/people/:id/documents', {
      config: { access: 'documents.read' },
      schema: { tags: ['documents'], summary: "A person's documents, newest first (audited)", params: IdParams, response: { 200: DocumentList } },
    }, async (request) => ({ items: await documents.list(requestContext(request), request.params.id), maxBytes: documents.maxBytes }));

    app.get('/api/documents/:id/content', {
      config: { access: 'documents.read' },
      schema: {
        tags: ['documents'],
        summary: 'The decrypted file of a document (audited)',
        description: 'Images are shown inline in a sandbox (no script, no form, no same origin); `?download=true` saves them. A PDF is always saved, never opened inside the browser (it could carry scripts). The saved name ends as the file truly is (a PNG uploaded as evil.html is saved as evil.png).',
        params: IdParams,
        querystring: z.object({ download: z.stringbool().default(false) }),
        produces: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'],
        response: { 200: z.file().meta({ description: 'The file, byte for byte as uploaded' }) },
      },
    }, async (request, reply) => {
      const { meta, content } = await documents.open(requestContext(request), request.params.id);
      // Browsers' PDF viewers do not open under a `sandbox` policy, and a PDF may carry scripts, so
      // a PDF is never shown inside Tobira's origin: it is saved and opened by the computer's viewer.
      const inline = !request.query.download && meta.contentType !== 'application/pdf';
      return reply
        .type(meta.contentType)
        .header('content-length', content.length)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', nameForType(meta.fileName, meta.contentType)))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        // A file is shown as a file, never as a page of the app: no scripts, no forms, no same origin.
        .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
        // Fastify sends a Buffer as it is (no serializer); the File schema above only documents it.
        .send(content as unknown as File);
    });

    app.delete('/api/documents/:id', {
      config: { access: 'documents.write' },
      schema: {
        tags: ['documents'],
        summary: 'Delete a document (the record stays, the encrypted file is erased)',
        params: IdParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    }, async (request) => {
      await documents.remove(requestContext(request), request.params.id);
      return { ok: true as const };
    });
  };
}
