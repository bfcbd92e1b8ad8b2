import type { MessageContext } from '@yiqiao/notifications';

const startsAt = new Date('2026-03-10T01:30:00Z'); // 09:30 in Shanghai

/** What the worker loads for one message, without a database: a booking confirmation to a patient. */
export function messageContextFixture(
  recipient: Partial<MessageContext['recipient']> = {},
  kind: MessageContext['notification']['kind'] = 'booking_confirmed',
): MessageContext {
  return {
    notification: {
      id: '00000000-0000-4000-8000-000000000001',
      kind,
      status: 'pending',
      dueAt: new Date('2026-03-09T01:30:00Z'),
      createdAt: new Date('2026-03-01T00:00:00Z'),
      data: { icsSequence: 2 },
      sequenceSoFar: 2,
    },
    recipient: {
      id: 'r',
      kind: 'user',
      invitedBy: null,
      revoked: false,
      email: 'p@example.org',
      phone: null,
      fullName: 'Anna <Test>',
      locale: 'en',
      timeZone: 'America/New_York',
      ...recipient,
    },
    consultation: {
      id: '00000000-0000-4000-8000-0000000000cc',
      status: 'scheduled',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      specialistName: 'Dr Wang',
      departmentName: 'Urology',
      institutionName: 'Minhang Hospital',
    },
  };
}
