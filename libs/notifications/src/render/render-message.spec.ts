import { LOCALES } from '@yiqiao/domain';
import { messageContextFixture } from '@yiqiao/testing';
import { signGuestInviteToken } from '../guest-link';
import { calendarInvite } from './calendar-invite';
import type { MessageContext } from './message-context';
import { renderMessage } from './render-message';

const context = messageContextFixture;

describe('renderMessage', () => {
  it('shows the recipient clock and Shanghai clock with zone names', () => {
    const message = renderMessage(context(), 'https://web.example/');
    expect(message.text).toContain('Your time (America/New_York): Monday, March 9, 2026 at 9:30');
    expect(message.text).toContain('Shanghai time (Asia/Shanghai): Tuesday, March 10, 2026 at 9:30');
    expect(message.text).toContain('https://web.example/consultations/00000000-0000-4000-8000-0000000000cc');
    expect(message.text).toContain('Reschedule');
    expect(message.html).toContain('Anna &lt;Test&gt;');
    expect(message.html).not.toContain('<Test>');
  });

  it.each(LOCALES)('has every template in %s and no untranslated keys', (locale) => {
    for (const kind of [
      'booking_confirmed',
      'reminder',
      'rescheduled',
      'cancelled',
      'summary_available',
      'guest_invitation',
    ] as const) {
      const message = renderMessage(context({ locale }, kind), 'https://web.example');
      expect(message.subject).not.toMatch(/kinds\.|common\./);
      expect(message.text).not.toMatch(/kinds\.|common\.|\{\{/);
    }
  });

  it('writes Arabic right to left and Chinese in Chinese', () => {
    expect(renderMessage(context({ locale: 'ar' }), 'https://w').html).toContain('dir="rtl"');
    const zh = renderMessage(context({ locale: 'zh-CN' }), 'https://w');
    expect(zh.subject).toContain('您的会诊已预约');
    expect(zh.text).toContain('上海时间（Asia/Shanghai）：2026年3月10日星期二');
  });

  it('makes an invite in UTC with the consultation UID and the planned SEQUENCE', () => {
    const invite = calendarInvite(context(), {
      organizerEmail: 'no-reply@yiqiao.local',
      link: 'https://w/c',
    });
    expect(invite?.method).toBe('REQUEST');
    expect(invite?.content).toContain('UID:consultation-00000000-0000-4000-8000-0000000000cc@yiqiao');
    expect(invite?.content).toContain('SEQUENCE:2');
    expect(invite?.content).toContain('DTSTART:20260310T013000Z');
    const cancel = calendarInvite(context({}, 'cancelled'), { organizerEmail: 'x@y.z', link: null });
    expect(cancel?.content).toContain('METHOD:CANCEL');
    expect(cancel?.content).toContain('STATUS:CANCELLED');
    expect(calendarInvite(context({}, 'reminder'), { organizerEmail: 'x@y.z', link: null })).toBeNull();
  });
});

describe('renderMessage for a guest', () => {
  const SECRET = 'guest-link-render-test-secret-01';
  const guestId = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
  const guestContext = (
    kind: MessageContext['notification']['kind'],
    locale: MessageContext['recipient']['locale'] = 'en',
  ): MessageContext => {
    const base = context({ locale }, kind);
    return {
      ...base,
      recipient: {
        ...base.recipient,
        id: guestId,
        kind: 'guest',
        fullName: 'Maria',
        timeZone: 'Europe/Madrid',
        invitedBy: 'Anna Smith',
      },
      consultation: base.consultation && { ...base.consultation, institutionName: 'Minhang Hospital' },
    };
  };

  it('invites with who invited them, both clocks, the hospital, their personal link and the waiting room', () => {
    const message = renderMessage(guestContext('guest_invitation'), 'https://web.example/', {
      guestLinkSecret: SECRET,
    });
    expect(message.subject).toContain('Anna Smith invited you');
    expect(message.text).toContain('Your time (Europe/Madrid): Tuesday, March 10, 2026 at 2:30');
    expect(message.text).toContain('Shanghai time (Asia/Shanghai): Tuesday, March 10, 2026 at 9:30');
    expect(message.text).toContain('Specialist: Dr Wang');
    expect(message.text).toContain('Hospital: Minhang Hospital');
    expect(message.link).toBe(`https://web.example/guest/${signGuestInviteToken(guestId, SECRET)}`);
    expect(message.text).toContain(message.link!);
    expect(message.text).toContain('waiting room until the specialist lets you in');
    expect(message.text).not.toContain('/consultations/');
    expect(message.text).not.toContain('Reschedule');
    const invite = calendarInvite(guestContext('guest_invitation'), {
      organizerEmail: 'x@y.z',
      link: message.link,
    });
    expect(invite?.method).toBe('REQUEST');
    expect(invite?.content).toContain('UID:consultation-00000000-0000-4000-8000-0000000000cc@yiqiao');
  });

  it('has no link without the secret, and words a move or a cancellation for a guest', () => {
    expect(renderMessage(guestContext('guest_invitation'), 'https://w').link).toBeNull();
    const moved = renderMessage(guestContext('rescheduled'), 'https://w', { guestLinkSecret: SECRET });
    expect(moved.subject).toContain('The consultation you were invited to has moved');
    expect(moved.text).toContain('/guest/');
    const cancelled = renderMessage(guestContext('cancelled'), 'https://w', { guestLinkSecret: SECRET });
    expect(cancelled.subject).toContain('you were invited to is cancelled');
    expect(cancelled.text).not.toContain('/guest/');
  });

  it.each(LOCALES)('has the guest templates in %s, translated', (locale) => {
    for (const kind of ['guest_invitation', 'rescheduled', 'cancelled'] as const) {
      const message = renderMessage(guestContext(kind, locale), 'https://w', { guestLinkSecret: SECRET });
      expect(message.subject).not.toMatch(/\b(kinds|guest|common)\.[a-z_]/);
      expect(message.text).not.toMatch(/\b(kinds|guest|common)\.[a-z_]|\{\{/);
      if (kind === 'guest_invitation') expect(message.subject).toContain('Anna Smith');
      if (locale !== 'en') {
        const english = renderMessage(guestContext(kind, 'en'), 'https://w', { guestLinkSecret: SECRET });
        expect(message.subject).not.toBe(english.subject);
        expect(message.lines[1]).not.toBe(english.lines[1]);
      }
    }
  });
});
