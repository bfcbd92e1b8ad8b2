import { get, put } from './client';

/**
 * Consultation notes. No api endpoint exists for them yet: this is the contract the web app expects
 * (GET/PUT /consultations/:id/notes with `{ body }`), listed as missing in the integration notes.
 */
export const notes = {
  load: (consultationId: string) =>
    get<{ body: string } | null>(`/consultations/${encodeURIComponent(consultationId)}/notes`),
  save: (consultationId: string, body: string) =>
    put(`/consultations/${encodeURIComponent(consultationId)}/notes`, { body }),
};
