/** English templates; every other locale has exactly these keys (checked by the LocaleResource type). */
export const en = {
  kinds: {
    booking_confirmed: {
      subject: 'Your consultation is booked for {{when}}',
      intro: 'Your video consultation is confirmed. The calendar invitation is attached.',
    },
    reminder: {
      subject: 'Reminder: your consultation starts {{relative}}',
      intro: 'This is a reminder that your video consultation starts {{relative}}.',
    },
    rescheduled: {
      subject: 'Your consultation has moved to {{when}}',
      intro:
        'Your video consultation has been rescheduled (it was planned for {{previous}}). The updated calendar invitation is attached.',
    },
    cancelled: {
      subject: 'Your consultation on {{when}} is cancelled',
      intro:
        'Your video consultation has been cancelled. The calendar event is removed by the attached update.',
    },
    interpreter_offer: {
      subject: 'Interpreting request for {{when}}',
      intro:
        'You are invited to interpret a video consultation. Please accept or decline before {{respondBy}}.',
    },
    interpreter_confirmed: {
      subject: 'Interpreter confirmed for {{when}}',
      intro:
        'You are confirmed as the interpreter for the video consultation below. The calendar invitation is attached.',
    },
    interpreter_escalation: {
      subject: 'No interpreter yet for {{when}}',
      intro: 'No interpreter has accepted the consultation below. Please assign one by hand.',
    },
    summary_available: {
      subject: 'Your consultation summary is available',
      intro: "The specialist's summary of your consultation is ready to read.",
    },
    guest_invitation: {
      subject: '{{inviter}} invited you to a video consultation on {{when}}',
      intro:
        '{{inviter}} has invited you to join a video consultation with a Shanghai specialist as a guest. You do not need an account: open your personal link below a few minutes before the start.',
    },
  },
  common: {
    greeting: 'Dear {{name}},',
    yourTime: 'Your time ({{zone}}): {{time}}',
    shanghaiTime: 'Shanghai time (Asia/Shanghai): {{time}}',
    specialist: 'Specialist: {{name}}',
    department: 'Department: {{name}}',
    reason: 'Reason: {{reason}}',
    join: 'Join the consultation: {{link}}',
    reschedule:
      'Need a different time? Open {{link}} and choose "Reschedule", or contact the international unit of {{institution}}.',
    footer: 'Yiqiao 医桥 — video consultations with Shanghai specialists',
    unknown: 'unknown',
  },
  guest: {
    reminder: {
      subject: 'Reminder: the consultation you were invited to starts {{relative}}',
      intro:
        'This is a reminder that the video consultation you were invited to starts {{relative}}. Open your personal link below a few minutes before the start.',
    },
    rescheduled: {
      subject: 'The consultation you were invited to has moved to {{when}}',
      intro:
        'The video consultation you were invited to has been rescheduled (it was planned for {{previous}}). Your link stays the same; the updated calendar invitation is attached.',
    },
    cancelled: {
      subject: 'The consultation on {{when}} you were invited to is cancelled',
      intro:
        'The video consultation you were invited to has been cancelled. The calendar event is removed by the attached update.',
    },
    institution: 'Hospital: {{name}}',
    join: 'Your personal link to join (please do not share it): {{link}}',
    waiting:
      'When you join, you will wait in a waiting room until the specialist lets you in. Please keep the page open.',
  },
  sms: {
    text: 'Yiqiao: {{subject}}. Shanghai time: {{shanghai}}. {{link}}',
  },
  calendar: {
    summary: 'Video consultation: {{department}} ({{specialist}})',
  },
};

export type LocaleResource = typeof en;
