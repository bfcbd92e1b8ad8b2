import type { EntityManager } from 'typeorm';
import type { AfterCommit } from '@yiqiao/persistence';
import type { ConsultationRow } from './assignment-store';
import type { EscalationReason } from './escalation';

export type InterpreterNotificationKind =
  'interpreter_offer' | 'interpreter_confirmed' | 'interpreter_escalation';

/**
 * The part of @yiqiao/notifications' NotificationPlanner this feature uses: it writes the notification
 * row in our transaction and returns the enqueue to run after commit.
 */
export interface InterpreterNotifier {
  planNotification(
    manager: EntityManager,
    input: {
      kind: InterpreterNotificationKind;
      recipientId: string;
      consultationId: string;
      dueAt: Date;
      data: Record<string, unknown>;
    },
  ): Promise<AfterCommit>;
}

/** The coordinators of the consultation's institution all see an escalation (or a close-consultation alert). */
export async function notifyEscalation(
  m: EntityManager,
  notifier: InterpreterNotifier,
  c: ConsultationRow,
  reasons: EscalationReason[],
  now: Date,
  facts: Record<string, unknown> = {},
): Promise<AfterCommit[]> {
  const coordinators: { id: string }[] = await m.query(
    `SELECT id FROM users WHERE institution_id = $1 AND role = 'coordinator' AND is_active ORDER BY id`,
    [c.institution_id],
  );
  const work: AfterCommit[] = [];
  for (const coordinator of coordinators) {
    work.push(
      await notifier.planNotification(m, {
        kind: 'interpreter_escalation',
        recipientId: coordinator.id,
        consultationId: c.id,
        dueAt: now,
        data: { reasons, ...facts },
      }),
    );
  }
  return work;
}
