import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../auth/scope.service';
import type { RequestContext } from '../common/request-context';
import { ConsentsService } from '../consents/consents.service';
import { MAX_DOCUMENTS_PER_REQUEST, type DocumentFile } from './document-file';
import { DOCUMENT_COLUMNS, documentView, type DocumentRow, type RequestDocumentView } from './document.view';
import { RequestsService } from './requests.service';

const CLOSED_STATUSES = ['declined', 'withdrawn'];

export interface DocumentDownload extends RequestDocumentView {
  content: Buffer;
}

/**
 * Medical documents attached to a consultation request. Access follows the request's own scoping
 * (RequestsService.loadVisible, 404 outside it); every read and write records an audit event in the
 * same transaction, and an upload is committed before the 201 is sent.
 */
@Injectable()
export class RequestDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly consents: ConsentsService,
  ) {}

  async upload(
    user: AuthUser,
    requestId: string,
    file: DocumentFile,
    ctx: RequestContext,
  ): Promise<RequestDocumentView> {
    return this.dataSource.transaction(async (manager) => {
      // FOR UPDATE serialises concurrent uploads to one request, so the per-request limit holds.
      const request = await this.requests.loadVisible(manager, user, requestId, true);
      if (CLOSED_STATUSES.includes(request.status)) {
        throw new ConflictException(
          `Consultation request ${requestId} is ${request.status}; documents can no longer be attached`,
        );
      }
      await this.consents.requireConsents(request.patient_id, manager);
      const [{ count }] = (await manager.query(
        `SELECT count(*)::int AS count FROM consultation_request_documents WHERE request_id = $1`,
        [requestId],
      )) as { count: number }[];
      if (count >= MAX_DOCUMENTS_PER_REQUEST) {
        throw new ConflictException(
          `A request can have at most ${MAX_DOCUMENTS_PER_REQUEST} documents; combine pages into one PDF`,
        );
      }
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const [row] = (await manager.query(
        `INSERT INTO consultation_request_documents
           (request_id, uploaded_by, file_name, content_type, size_bytes, sha256, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${DOCUMENT_COLUMNS}`,
        [requestId, user.id, file.fileName, file.contentType, file.content.length, sha256, file.content],
      )) as DocumentRow[];
      await this.requests.audit(
        manager,
        user,
        'consultation_request.document_uploaded',
        requestId,
        request.institution_id,
        ctx,
        { documentId: row.id, contentType: row.content_type, sizeBytes: row.size_bytes, sha256 },
      );
      return documentView(row);
    });
  }

  async list(user: AuthUser, requestId: string, ctx: RequestContext): Promise<RequestDocumentView[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.loadVisible(manager, user, requestId);
      const rows = (await manager.query(
        `SELECT ${DOCUMENT_COLUMNS} FROM consultation_request_documents
          WHERE request_id = $1 ORDER BY created_at, id`,
        [requestId],
      )) as DocumentRow[];
      await this.requests.audit(
        manager,
        user,
        'consultation_request.documents_listed',
        requestId,
        request.institution_id,
        ctx,
        { documentIds: rows.map((row) => row.id) },
      );
      return rows.map(documentView);
    });
  }

  async download(
    user: AuthUser,
    requestId: string,
    documentId: string,
    ctx: RequestContext,
  ): Promise<DocumentDownload> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.loadVisible(manager, user, requestId);
      const [row] = (await manager.query(
        `SELECT ${DOCUMENT_COLUMNS}, content FROM consultation_request_documents
          WHERE id = $1 AND request_id = $2`,
        [documentId, requestId],
      )) as (DocumentRow & { content: Buffer })[];
      if (!row) throw notFound('Document', documentId);
      await this.requests.audit(
        manager,
        user,
        'consultation_request.document_downloaded',
        requestId,
        request.institution_id,
        ctx,
        { documentId },
      );
      return { ...documentView(row), content: row.content };
    });
  }
}
