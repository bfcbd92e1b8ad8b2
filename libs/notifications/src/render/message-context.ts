import type { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, isLocale, Locale } from '@yiqiao/domain';
import type { NotificationKind, NotificationStatus } from '../kinds';

/** Everything a message needs, read at send time so the recipient's current language and zone apply. */
export interface MessageContext {
  notification: {
    id: string;
    kind: NotificationKind;
    status: NotificationStatus;
    dueAt: Date;
    createdAt: Date;
    data: Record<string, unknown>;
    /** The highest invite SEQUENCE planned for the consultation up to this notification. */
    sequenceSoFar: number;
  };
  recipient: {
    /** A user's id, or a guest's (consultation_guests.id) */
    id: string;
    /** Guests have no account: e-mail only, no inbox, no SMS. */
    kind: 'user' | 'guest';
    email: string;
    phone: string | null;
    fullName: string;
    locale: Locale;
    timeZone: string;
    /** Guests: the name of who invited them, and whether the invitation was withdrawn since. */
    invitedBy: string | null;
    revoked: boolean;
  };
  consultation: {
    id: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    specialistName: string;
    departmentName: string;
    institutionName: string;
  } | null;
}

interface ContextRow {
  id: string;
  kind: NotificationKind;
  status: NotificationStatus;
  due_at: Date;
  created_at: Date;
  data: Record<string, unknown>;
  sequence_so_far: number;
  recipient_id: string;
  is_guest: boolean;
  email: string | null;
  phone: string | null;
  full_name: string;
  preferred_language: string;
  time_zone: string;
  invited_by_name: string | null;
  revoked: boolean;
  consultation_id: string | null;
  consultation_status: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  specialist_name: string | null;
  department_name: string | null;
  department_name_zh: string | null;
  institution_name: string | null;
  institution_name_zh: string | null;
}

export async function loadMessageContexts(
  db: Pick<EntityManager, 'query'>,
  ids: string[],
): Promise<MessageContext[]> {
  const rows = (await db.query(
    `SELECT n.id, n.kind, n.status, n.due_at, n.created_at, n.data,
            (SELECT COALESCE(MAX((o.data->>'icsSequence')::int), 0) FROM notifications o
              WHERE o.consultation_id = n.consultation_id AND o.created_at <= n.created_at) AS sequence_so_far,
            COALESCE(u.id, g.id) AS recipient_id, g.id IS NOT NULL AS is_guest,
            COALESCE(u.email::text, g.email) AS email, u.phone,
            COALESCE(u.full_name, g.full_name) AS full_name,
            COALESCE(u.preferred_language::text, g.preferred_language) AS preferred_language,
            COALESCE(u.time_zone, g.time_zone) AS time_zone,
            inviter.full_name AS invited_by_name, g.revoked_at IS NOT NULL AS revoked,
            c.id AS consultation_id, c.status AS consultation_status, c.starts_at, c.ends_at,
            s.full_name AS specialist_name, d.name AS department_name, d.name_zh AS department_name_zh,
            i.name AS institution_name, i.name_zh AS institution_name_zh
       FROM notifications n
       LEFT JOIN users u ON u.id = n.recipient_id
       LEFT JOIN consultation_guests g ON g.id = n.guest_id
       LEFT JOIN users inviter ON inviter.id = g.invited_by
       LEFT JOIN consultations c ON c.id = n.consultation_id
       LEFT JOIN users s ON s.id = c.specialist_id
       LEFT JOIN departments d ON d.id = c.department_id
       LEFT JOIN institutions i ON i.id = c.institution_id
      WHERE n.id = ANY($1::uuid[])`,
    [ids],
  )) as ContextRow[];
  return rows.map(toContext);
}

export async function loadMessageContext(
  db: Pick<EntityManager, 'query'>,
  id: string,
): Promise<MessageContext | null> {
  const [context] = await loadMessageContexts(db, [id]);
  return context ?? null;
}

function toContext(row: ContextRow): MessageContext {
  const locale = isLocale(row.preferred_language) ? row.preferred_language : DEFAULT_LOCALE;
  const zh = locale === 'zh-CN';
  return {
    notification: {
      id: row.id,
      kind: row.kind,
      status: row.status,
      dueAt: new Date(row.due_at),
      createdAt: new Date(row.created_at),
      data: row.data ?? {},
      sequenceSoFar: Number(row.sequence_so_far ?? 0),
    },
    recipient: {
      id: row.recipient_id,
      kind: row.is_guest ? 'guest' : 'user',
      email: row.email ?? '',
      phone: row.phone,
      fullName: row.full_name,
      locale,
      timeZone: row.time_zone,
      invitedBy: row.invited_by_name,
      revoked: row.revoked,
    },
    consultation:
      row.consultation_id && row.starts_at && row.ends_at
        ? {
            id: row.consultation_id,
            status: row.consultation_status ?? 'scheduled',
            startsAt: new Date(row.starts_at),
            endsAt: new Date(row.ends_at),
            specialistName: row.specialist_name ?? '',
            departmentName: (zh && row.department_name_zh) || row.department_name || '',
            institutionName: (zh && row.institution_name_zh) || row.institution_name || '',
          }
        : null,
  };
}
