import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_BODY = '10mb';
export const MAX_DOCUMENTS_PER_REQUEST = 10;
const MAX_FILE_NAME = 255;

/** The first bytes each accepted format must start with (the declared type alone is not trusted). */
const SIGNATURES: Record<DocumentType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

export interface DocumentFile {
  fileName: string;
  contentType: DocumentType;
  content: Buffer;
}

const isDocumentType = (value: string): value is DocumentType =>
  (DOCUMENT_TYPES as readonly string[]).includes(value);

/** Checks an uploaded body against its declared type, its magic bytes and its file name. */
export function parseDocumentUpload(
  contentTypeHeader: string | undefined,
  fileNameHeader: string | undefined,
  body: unknown,
): DocumentFile {
  const declared = (contentTypeHeader ?? '').split(';')[0].trim().toLowerCase();
  if (!isDocumentType(declared)) {
    throw new UnsupportedMediaTypeException(
      `Content-Type must be one of ${DOCUMENT_TYPES.join(', ')} (got ${declared || 'none'}); upload reports as PDF and scans as JPEG or PNG`,
    );
  }
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new BadRequestException('The request body is empty; send the file bytes as the body');
  }
  if (!body.subarray(0, SIGNATURES[declared].length).equals(SIGNATURES[declared])) {
    throw new UnsupportedMediaTypeException(
      `The file content is not a valid ${declared} file; upload a real PDF, JPEG or PNG with the matching Content-Type`,
    );
  }
  return { fileName: parseFileName(fileNameHeader), contentType: declared, content: body };
}

function parseFileName(header: string | undefined): string {
  if (!header) {
    throw new BadRequestException('X-File-Name header is required (the URL-encoded original file name)');
  }
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw new BadRequestException('X-File-Name must be URL-encoded (encodeURIComponent of the file name)');
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (name.length === 0 || name.length > MAX_FILE_NAME || /[\u0000-\u001f\u007f/\\]/.test(name)) {
    throw new BadRequestException(
      `X-File-Name must be 1 to ${MAX_FILE_NAME} characters without slashes or control characters`,
    );
  }
  return name;
}
