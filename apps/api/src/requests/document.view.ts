import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_TYPES, type DocumentType } from './document-file';

export class RequestDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ example: 'MRI report 2026-01.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) contentType!: DocumentType;
  @ApiProperty({ example: 482113 }) sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the stored bytes' }) sha256!: string;
  @ApiProperty() createdAt!: Date;
}

export class RequestDocumentList {
  @ApiProperty({ type: [RequestDocumentView] }) items!: RequestDocumentView[];
}

/** The metadata columns of consultation_request_documents (never the bytes). */
export const DOCUMENT_COLUMNS = `id, request_id, uploaded_by, file_name, content_type, size_bytes, sha256, created_at`;

export interface DocumentRow {
  id: string;
  request_id: string;
  uploaded_by: string;
  file_name: string;
  content_type: DocumentType;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

export const documentView = (row: DocumentRow): RequestDocumentView => ({
  id: row.id,
  requestId: row.request_id,
  uploadedBy: row.uploaded_by,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  createdAt: row.created_at,
});
