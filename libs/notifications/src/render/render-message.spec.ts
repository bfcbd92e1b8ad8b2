import { LOCALES } from '@yiqiao/domain';
import { calendarInvite } from './calendar-invite';
import type { MessageContext } from './message-context';
import { renderMessage } from './render-message';

const startsAt = new Date('2026-03-10T01:30:00Z'); // 09:30 in Shanghai

function context(
  overrides: Partial<MessageContext['recipient']> = {},
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
      email: 'p@example.org',
      phone: null,
      fullName: 'Anna <Test>',
      locale: 'en',
      timeZone: 'America/New_York',
      ...overrides,
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
