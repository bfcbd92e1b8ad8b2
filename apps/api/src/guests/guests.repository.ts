import type { EntityManager } from 'typeorm';
import type { ConsultationStatus, Locale } from '@yiqiao/domain';
import type { DeliveryState, NotificationStatus } from '@yiqiao/notifications';
import type { EmailStatus } from './guests.dto';

type Db = Pick<EntityManager, 'query'>;

/** A guest row with its inviter and the state of its invitation e-mail. */
export interface GuestRow {
  id: string;
  consultation_id: string;
  full_name: string;
  email: string | null;
  preferred_language: Locale;
  time_zone: string;
  relationship: string | null;
  created_at: Date;
  revoked_at: Date | null;
  last_joined_at: Date | null;
  inviter_id: string;
  inviter_name: string;
  inviter_role: string;
  invitation_status: NotificationStatus | null;
  invitation_email_state: DeliveryState | null;
}

const GUEST_SELECT = `
  SELECT g.id, g.consultation_id, g.full_name, g.email, g.preferred_language, g.time_zone, g.relationship,
         g.created_at, g.revoked_at, g.last_joined_at,
         u.id AS inviter_id, u.full_name AS inviter_name, u.role AS inviter_role,
         inv.status AS invitation_status, inv.email_state AS invitation_email_state
    FROM consultation_guests g
    JOIN users u ON u.id = g.invited_by
    LEFT JOIN LATERAL (
      SELECT n.status, d.state AS email_state
        FROM notifications n
        LEFT JOIN notification_deliveries d ON d.notification_id = n.id AND d.channel = 'email'
       WHERE n.guest_id = g.id AND n.kind = 'guest_invitation'
       ORDER BY n.created_at DESC LIMIT 1
    ) inv ON true`;

/** Oldest first. */
export async function guestsOf(db: Db, consultationId: string): Promise<GuestRow[]> {
  return (await db.query(`${GUEST_SELECT} WHERE g.consultation_id = $1 ORDER BY g.created_at, g.id`, [
    consultationId,
  ])) as GuestRow[];
}

export async function guestOf(db: Db, consultationId: string, guestId: string): Promise<GuestRow | null> {
  const [row] = (await db.query(`${GUEST_SELECT} WHERE g.consultation_id = $1 AND g.id = $2`, [
    consultationId,
    guestId,
  ])) as GuestRow[];
  return row ?? null;
}

/** Where the invitation e-mail is: no e-mail (or it was called off), on its way, delivered, or given up. */
export function emailStatusOf(
  row: Pick<GuestRow, 'invitation_status' | 'invitation_email_state'>,
): EmailStatus {
  const { invitation_status: status, invitation_email_state: email } = row;
  if (!status) return 'none';
  if (email === 'sent') return 'sent';
  if (email === 'failed' || status === 'failed') return 'failed';
  if (status === 'cancelled') return 'none';
  if (status === 'sent') return 'sent';
  return 'pending';
}

/** The consultation as an invite link shows it: who, where and when, nothing medical. */
export interface InvitationRow {
  guest_id: string;
  guest_name: string;
  guest_language: Locale;
  guest_time_zone: string;
  revoked_at: Date | null;
  consultation_id: string;
  status: ConsultationStatus;
  starts_at: Date;
  ends_at: Date;
  sfu_node_id: string | null;
  institution_id: string;
  specialist_name: string;
  department_name: string;
  department_name_zh: string | null;
  institution_name: string;
  institution_name_zh: string | null;
}

export async function invitationOf(db: Db, guestId: string): Promise<InvitationRow | null> {
  const [row] = (await db.query(
    `SELECT g.id AS guest_id, g.full_name AS guest_name, g.preferred_language AS guest_language,
            g.time_zone AS guest_time_zone, g.revoked_at,
            c.id AS consultation_id, c.status, c.starts_at, c.ends_at, c.sfu_node_id, c.institution_id,
            s.full_name AS specialist_name, d.name AS department_name, d.name_zh AS department_name_zh,
            i.name AS institution_name, i.name_zh AS institution_name_zh
       FROM consultation_guests g
       JOIN consultations c ON c.id = g.consultation_id
       JOIN users s ON s.id = c.specialist_id
       JOIN departments d ON d.id = c.department_id
       JOIN institutions i ON i.id = c.institution_id
      WHERE g.id = $1`,
    [guestId],
  )) as InvitationRow[];
  return row ?? null;
}
