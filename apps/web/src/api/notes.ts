import { get, put } from './client';

/** The specialist's clinical notes (GET/PUT /consultations/:id/notes; `body` is '' when none yet). */
export const notes = {
  load: (consultationId: string) =>
    get<{ body: string; updatedAt: string | null }>(
      `/consultations/${encodeURIComponent(consultationId)}/notes`,
    ),
  save: (consultationId: string, body: string) =>
    put(`/consultations/${encodeURIComponent(consultationId)}/notes`, { body }),
};
