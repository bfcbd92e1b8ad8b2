import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { recordAudit } from '@yiqiao/persistence';
import { AuthUser } from '../auth';
import type { RequestContext } from '../common/request-context';
import { ConsultationAccessService } from './consultation-access.service';
import { loadConsultation } from './consultation-view';
import type { NotesDto } from './notes.dto';

/**
 * Clinical notes are for the care team: the consultation's specialist, its coordinators and admins
 * read them (the controller's @Roles keeps patients and interpreters out); only its specialist writes.
 */
const WRITABLE_STATUSES = new Set(['in_progress', 'completed']);

interface NotesRow {
  body: string;
  author_id: string;
  updated_at: Date;
}

@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConsultationAccessService,
  ) {}

  async read(user: AuthUser, consultationId: string, ctx: RequestContext): Promise<NotesDto> {
    const row = await this.access.assertCanSee(
      user,
      await loadConsultation(this.dataSource, consultationId),
      consultationId,
    );
    const [notes] = (await this.dataSource.query(
      `SELECT body, author_id, updated_at FROM consultation_notes WHERE consultation_id = $1`,
      [consultationId],
    )) as NotesRow[];
    await recordAudit(this.dataSource.manager, {
      actorId: user.id,
      actorRole: user.role,
      action: 'consultation.notes.read',
      entityType: 'consultation',
      entityId: consultationId,
      institutionId: row.institution_id,
      requestId: ctx.requestId,
    });
    return toDto(notes);
  }

  async save(user: AuthUser, consultationId: string, body: string, ctx: RequestContext): Promise<NotesDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.access.assertCanSee(
        user,
        await loadConsultation(manager, consultationId),
        consultationId,
        manager,
      );
      if (user.role !== 'specialist' || row.specialist_id !== user.id) {
        throw new ForbiddenException('Only the consultation’s specialist writes its notes');
      }
      if (!WRITABLE_STATUSES.has(row.status)) {
        throw new ConflictException(
          `Notes can be written once the call has started; this consultation is ${row.status}`,
        );
      }
      const [notes] = (await manager.query(
        `INSERT INTO consultation_notes (consultation_id, body, author_id) VALUES ($1, $2, $3)
         ON CONFLICT (consultation_id) DO UPDATE SET body = EXCLUDED.body, author_id = EXCLUDED.author_id, updated_at = now()
         RETURNING body, author_id, updated_at`,
        [consultationId, body, user.id],
      )) as NotesRow[];
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'consultation.notes.write',
        entityType: 'consultation',
        entityId: consultationId,
        institutionId: row.institution_id,
        requestId: ctx.requestId,
        details: { length: body.length },
      });
      return toDto(notes);
    });
  }
}

function toDto(row: NotesRow | undefined): NotesDto {
  return row
    ? { body: row.body, authorId: row.author_id, updatedAt: row.updated_at.toISOString() }
    : { body: '', authorId: null, updatedAt: null };
}
