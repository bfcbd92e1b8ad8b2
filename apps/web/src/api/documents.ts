import { authorizedFetch } from './client';

/** What the api accepts for request documents (mirrors apps/api/src/requests/document-file.ts). */
export const DOCUMENT_ACCEPT = 'application/pdf,image/jpeg,image/png';
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface RequestDocument {
  id: string;
  requestId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** Sends one file as the raw body (the api checks its type by content, not only by this header). */
export async function uploadDocument(requestId: string, file: File): Promise<RequestDocument> {
  const response = await authorizedFetch(`/consultation-requests/${requestId}/documents`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name),
    },
    body: file,
  });
  return (await response.json()) as RequestDocument;
}
