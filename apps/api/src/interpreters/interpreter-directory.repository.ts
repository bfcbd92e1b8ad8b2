import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { orderedPair } from '@yiqiao/interpreters';
import { recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth';
import type { LanguagePairDto, WorkingWindowDto } from './interpreters.dto';

/** Reads and writes of an interpreter's own data: offers, schedule, working hours, language pairs. */
@Injectable()
export class InterpreterDirectoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Open offers, then those made in the 30 days before `now` (the business clock). */
  async offers(interpreterId: string, now: Date): Promise<unknown[]> {
    return this.db.query(
      `SELECT o.id, o.consultation_id AS "consultationId", o.state, o.offered_at AS "offeredAt", o.deadline,
              o.answered_at AS "answeredAt", o.answer_reason AS "answerReason",
              c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.patient_language AS "patientLanguage",
              c.specialist_language AS "specialistLanguage", d.name AS department, d.specialty
         FROM interpreter_offers o
         JOIN consultations c ON c.id = o.consultation_id
         JOIN departments d ON d.id = c.department_id
        WHERE o.interpreter_id = $1 AND (o.state = 'offered' OR o.offered_at > $2::timestamptz - interval '30 days')
        ORDER BY (o.state = 'offered') DESC, o.offered_at DESC LIMIT 200`,
      [interpreterId, now],
    );
  }

  async schedule(interpreterId: string, from: Date, to: Date): Promise<unknown[]> {
    return this.db.query(
      `SELECT c.id AS "consultationId", c.status, c.starts_at AS "startsAt", c.ends_at AS "endsAt",
              c.patient_language AS "patientLanguage", c.specialist_language AS "specialistLanguage",
              d.name AS department, d.specialty
         FROM bookings b
         JOIN consultations c ON c.id = b.consultation_id
         JOIN departments d ON d.id = c.department_id
        WHERE b.user_id = $1 AND b.role = 'interpreter' AND b.released_at IS NULL
          AND b.during && tstzrange($2, $3, '[)')
        ORDER BY c.starts_at`,
      [interpreterId, from, to],
    );
  }

  async workingHours(interpreterId: string): Promise<WorkingWindowDto[]> {
    return this.db.query(
      `SELECT weekday, start_minute AS "startMinute", end_minute AS "endMinute"
         FROM interpreter_working_hours WHERE interpreter_id = $1 ORDER BY weekday, start_minute`,
      [interpreterId],
    );
  }

  async replaceWorkingHours(user: AuthUser, windows: WorkingWindowDto[]): Promise<void> {
    for (const w of windows) {
      if (w.endMinute <= w.startMinute) {
        throw new BadRequestException(
          `A window must end after it starts (weekday ${w.weekday}: ${w.startMinute}–${w.endMinute})`,
        );
      }
    }
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM interpreter_working_hours WHERE interpreter_id = $1`, [user.id]);
      for (const w of windows) {
        await m.query(
          `INSERT INTO interpreter_working_hours (interpreter_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)`,
          [user.id, w.weekday, w.startMinute, w.endMinute],
        );
      }
      await recordAudit(m, {
        actorId: user.id,
        actorRole: user.role,
        action: 'interpreter.working_hours_set',
        entityType: 'user',
        entityId: user.id,
        details: { windows },
      });
    });
  }

  async languagePairs(interpreterId: string): Promise<LanguagePairDto[]> {
    return this.db.query(
      `SELECT language_a AS "languageA", language_b AS "languageB" FROM interpreter_language_pairs
        WHERE interpreter_id = $1 ORDER BY language_a, language_b`,
      [interpreterId],
    );
  }

  async replaceLanguagePairs(user: AuthUser, pairs: LanguagePairDto[]): Promise<void> {
    const ordered = new Map<string, [string, string]>();
    for (const p of pairs) {
      if (p.languageA === p.languageB)
        throw new BadRequestException(`A pair needs two different languages (got ${p.languageA} twice)`);
      const pair = orderedPair(p.languageA, p.languageB);
      ordered.set(pair.join('|'), pair);
    }
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM interpreter_language_pairs WHERE interpreter_id = $1`, [user.id]);
      for (const [a, b] of ordered.values()) {
        await m.query(
          `INSERT INTO interpreter_language_pairs (interpreter_id, language_a, language_b) VALUES ($1, $2, $3)`,
          [user.id, a, b],
        );
      }
      await recordAudit(m, {
        actorId: user.id,
        actorRole: user.role,
        action: 'interpreter.language_pairs_set',
        entityType: 'user',
        entityId: user.id,
        details: { pairs: [...ordered.values()] },
      });
    });
  }
}
