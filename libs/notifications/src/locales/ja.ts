import type { LocaleResource } from './en';

export const ja: LocaleResource = {
  kinds: {
    booking_confirmed: {
      subject: '診察の予約が確定しました：{{when}}',
      intro: 'ビデオ診察の予約が確定しました。カレンダーの招待状を添付しています。',
    },
    reminder: {
      subject: 'リマインダー：診察は{{relative}}に始まります',
      intro: 'ビデオ診察は{{relative}}に始まります。',
    },
    rescheduled: {
      subject: '診察の日時が{{when}}に変更されました',
      intro:
        'ビデオ診察の日時が変更されました（変更前：{{previous}}）。更新されたカレンダーの招待状を添付しています。',
    },
    cancelled: {
      subject: '{{when}}の診察はキャンセルされました',
      intro: 'ビデオ診察はキャンセルされました。添付の更新でカレンダーの予定が削除されます。',
    },
    interpreter_offer: {
      subject: '通訳の依頼：{{when}}',
      intro: 'ビデオ診察の通訳を依頼します。{{respondBy}}までに承諾または辞退してください。',
    },
    interpreter_confirmed: {
      subject: '通訳者が確定しました：{{when}}',
      intro: '以下のビデオ診察の通訳者として確定しました。カレンダーの招待状を添付しています。',
    },
    interpreter_escalation: {
      subject: '通訳者が未定です：{{when}}',
      intro: '以下の診察を引き受けた通訳者がいません。手動で割り当ててください。',
    },
    summary_available: {
      subject: '診察のまとめが閲覧できます',
      intro: '専門医による診察のまとめが用意できました。',
    },
    guest_invitation: {
      subject: '{{inviter}}様から{{when}}のビデオ診察への招待が届いています',
      intro:
        '{{inviter}}様が、上海の専門医とのビデオ診察にゲストとしてあなたを招待しました。アカウントは不要です。開始の数分前に、下記の個人用リンクを開いてください。',
    },
  },
  common: {
    greeting: '{{name}} 様',
    yourTime: '現地時間（{{zone}}）：{{time}}',
    shanghaiTime: '上海時間（Asia/Shanghai）：{{time}}',
    specialist: '専門医：{{name}}',
    department: '診療科：{{name}}',
    reason: '理由：{{reason}}',
    join: '診察に参加：{{link}}',
    reschedule:
      '日時を変更したい場合は、{{link}} を開いて「日時変更」を選ぶか、{{institution}}の国際部にご連絡ください。',
    footer: 'Yiqiao 医桥 — 上海の専門医とのビデオ診察',
    unknown: '不明',
  },
  guest: {
    reminder: {
      subject: 'リマインダー：招待されている診察は{{relative}}に始まります',
      intro:
        '招待されているビデオ診察は{{relative}}に始まります。開始の数分前に下記の専用リンクを開いてください。',
    },
    rescheduled: {
      subject: '招待されている診察の日時が{{when}}に変更されました',
      intro:
        '招待されているビデオ診察の日時が変更されました（変更前：{{previous}}）。リンクは変わりません。更新されたカレンダーの招待状を添付しています。',
    },
    cancelled: {
      subject: '招待されている{{when}}の診察はキャンセルされました',
      intro: '招待されているビデオ診察はキャンセルされました。添付の更新でカレンダーの予定が削除されます。',
    },
    institution: '病院：{{name}}',
    join: '参加用の個人リンク（他の人と共有しないでください）：{{link}}',
    waiting:
      '参加すると、専門医が入室を許可するまで待合室でお待ちいただきます。ページは開いたままにしてください。',
  },
  sms: {
    text: 'Yiqiao：{{subject}}。上海時間：{{shanghai}}。{{link}}',
  },
  calendar: {
    summary: 'ビデオ診察：{{department}}（{{specialist}}）',
  },
};
