import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import type { AfterCommit, ConsultationChange, ConsultationHook } from '@yiqiao/persistence';
import { allAfterCommit, NotificationPlanner } from './notification-planner';

interface ConsultationFacts {
  startsAt: Date;
  patientId: string;
  specialistId: string;
  interpreterId: string | null;
  reminderOffsetsMinutes: number[];
}

/**
 * Keeps a consultation's messages in step with it, inside the scheduling transaction: confirmation and
 * reminders when booked, moved reminders and a notice when rescheduled, a cancellation notice (and no
 * more reminders) when cancelled. Invited guests with an e-mail address get reminders and the
 * reschedule and cancellation notices as well (their invitation itself is planned by the api's guests
 * module, which calls `planGuestReminders`).
 */
@Injectable()
export class NotificationsHook implements ConsultationHook {
  readonly name = 'notifications';

  constructor(
    private readonly planner: NotificationPlanner,
    private readonly clock: Clock,
  ) {}

  async onChange(manager: EntityManager, change: ConsultationChange): Promise<AfterCommit | void> {
    const facts = await loadFacts(manager, change.consultationId);
    if (!facts) return;
    const steps: AfterCommit[] = [];
    const id = change.consultationId;
    const now = this.clock.now();
    switch (change.kind) {
      case 'booked':
        for (const person of participants(facts)) {
          steps.push(await this.plan(manager, 'booking_confirmed', person, id, now, { icsSequence: 0 }));
          steps.push(...(await this.planReminders(manager, facts, { recipientId: person }, id)));
        }
        break;
      case 'rescheduled': {
        steps.push(await this.planner.cancelPendingNotifications(manager, id, ['reminder']));
        const icsSequence = await nextSequence(manager, id);
        const previousStartsAt = change.previous?.startsAt.toISOString() ?? null;
        for (const person of participants(facts)) {
          steps.push(
            await this.plan(manager, 'rescheduled', person, id, now, { icsSequence, previousStartsAt }),
          );
          steps.push(...(await this.planReminders(manager, facts, { recipientId: person }, id)));
        }
        for (const guestId of await guestsToTell(manager, id)) {
          steps.push(
            await this.planner.planNotification(manager, {
              kind: 'rescheduled',
              guestId,
              consultationId: id,
              dueAt: now,
              data: { icsSequence, previousStartsAt },
            }),
          );
          steps.push(...(await this.planReminders(manager, facts, { guestId }, id)));
        }
        break;
      }
      case 'cancelled': {
        steps.push(await this.planner.cancelPendingNotifications(manager, id));
        const icsSequence = await nextSequence(manager, id);
        for (const person of participants(facts)) {
          steps.push(
            await this.plan(manager, 'cancelled', person, id, now, {
              icsSequence,
              reason: change.reason ?? null,
            }),
          );
        }
        for (const guestId of await guestsToTell(manager, id)) {
          steps.push(
            await this.planner.planNotification(manager, {
              kind: 'cancelled',
              guestId,
              consultationId: id,
              dueAt: now,
              data: { icsSequence, reason: change.reason ?? null },
            }),
          );
        }
        break;
      }
      case 'interpreter_assigned':
        if (facts.interpreterId) {
          // A replaced interpreter loses their reminders; the new one gets a fresh set.
          steps.push(
            await this.planner.cancelPendingNotifications(manager, id, ['reminder'], {
              except: [facts.patientId, facts.specialistId],
            }),
          );
          steps.push(...(await this.planReminders(manager, facts, { recipientId: facts.interpreterId }, id)));
        }
        break;
      case 'interpreter_removed':
        steps.push(
          await this.planner.cancelPendingNotifications(manager, id, ['reminder'], {
            except: participants(facts),
          }),
        );
        break;
      // once the call runs, or is over, reminders to join it only confuse
      case 'started':
      case 'completed':
      case 'no_show':
        steps.push(await this.planner.cancelPendingNotifications(manager, id, ['reminder']));
        break;
      case 'summary_available':
        steps.push(await this.plan(manager, 'summary_available', facts.patientId, id, now, {}));
        break;
    }
    return allAfterCommit(steps);
  }

  private plan(
    manager: EntityManager,
    kind: 'booking_confirmed' | 'rescheduled' | 'cancelled' | 'summary_available',
    recipientId: string,
    consultationId: string,
    dueAt: Date,
    data: Record<string, unknown>,
  ): Promise<AfterCommit> {
    return this.planner.planNotification(manager, { kind, recipientId, consultationId, dueAt, data });
  }

  /**
   * A newly invited guest's reminders (the api's guests module plans their invitation; this keeps the
   * reminder policy in one place). Nothing when the consultation is gone or every offset has passed.
   */
  async planGuestReminders(
    manager: EntityManager,
    consultationId: string,
    guestId: string,
  ): Promise<AfterCommit> {
    const facts = await loadFacts(manager, consultationId);
    if (!facts) return async () => undefined;
    return allAfterCommit(await this.planReminders(manager, facts, { guestId }, consultationId));
  }

  /** One reminder per institution offset; offsets already in the past are skipped. */
  private async planReminders(
    manager: EntityManager,
    facts: ConsultationFacts,
    to: { recipientId: string } | { guestId: string },
    consultationId: string,
  ): Promise<AfterCommit[]> {
    const steps: AfterCommit[] = [];
    for (const offsetMinutes of reminderTimes(facts, this.clock.now())) {
      const dueAt = new Date(facts.startsAt.getTime() - offsetMinutes * 60_000);
      steps.push(
        await this.planner.planNotification(manager, {
          kind: 'reminder',
          ...to,
          consultationId,
          dueAt,
          data: { offsetMinutes },
        }),
      );
    }
    return steps;
  }
}

export function reminderTimes(
  facts: Pick<ConsultationFacts, 'startsAt' | 'reminderOffsetsMinutes'>,
  now: Date,
): number[] {
  const offsets = [...new Set(facts.reminderOffsetsMinutes)].filter((m) => m > 0).sort((a, b) => b - a);
  return offsets.filter((m) => facts.startsAt.getTime() - m * 60_000 > now.getTime());
}

function participants(facts: ConsultationFacts): string[] {
  return [facts.patientId, facts.specialistId, ...(facts.interpreterId ? [facts.interpreterId] : [])];
}

/** Guests still invited who gave an e-mail address: they hear about a move or a cancellation too. */
async function guestsToTell(manager: EntityManager, consultationId: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT id FROM consultation_guests
      WHERE consultation_id = $1 AND revoked_at IS NULL AND email IS NOT NULL ORDER BY created_at`,
    [consultationId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/** SEQUENCE of the calendar event: one more than any invite sent for this consultation so far. */
async function nextSequence(manager: EntityManager, consultationId: string): Promise<number> {
  const [row] = (await manager.query(
    `SELECT COALESCE(MAX((data->>'icsSequence')::int), 0) + 1 AS next FROM notifications WHERE consultation_id = $1`,
    [consultationId],
  )) as { next: number }[];
  return Number(row.next);
}

async function loadFacts(manager: EntityManager, consultationId: string): Promise<ConsultationFacts | null> {
  const rows = (await manager.query(
    `SELECT c.starts_at, c.patient_id, c.specialist_id, c.interpreter_id, i.reminder_offsets_minutes
       FROM consultations c JOIN institutions i ON i.id = c.institution_id WHERE c.id = $1`,
    [consultationId],
  )) as {
    starts_at: Date;
    patient_id: string;
    specialist_id: string;
    interpreter_id: string | null;
    reminder_offsets_minutes: number[];
  }[];
  const row = rows[0];
  if (!row) return null;
  return {
    startsAt: new Date(row.starts_at),
    patientId: row.patient_id,
    specialistId: row.specialist_id,
    interpreterId: row.interpreter_id,
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
  };
}
