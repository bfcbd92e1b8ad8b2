import type { LocaleResource } from './en';

export const zhCN: LocaleResource = {
  kinds: {
    booking_confirmed: {
      subject: '您的会诊已预约：{{when}}',
      intro: '您的视频会诊已确认，日历邀请见附件。',
    },
    reminder: {
      subject: '提醒：您的会诊将于{{relative}}开始',
      intro: '温馨提醒：您的视频会诊将于{{relative}}开始。',
    },
    rescheduled: {
      subject: '您的会诊已改期至 {{when}}',
      intro: '您的视频会诊已改期（原定时间为 {{previous}}）。更新后的日历邀请见附件。',
    },
    cancelled: {
      subject: '您在 {{when}} 的会诊已取消',
      intro: '您的视频会诊已取消。附件中的日历更新将删除该日程。',
    },
    interpreter_offer: {
      subject: '翻译邀请：{{when}}',
      intro: '诚邀您为以下视频会诊担任翻译，请在 {{respondBy}} 之前接受或拒绝。',
    },
    interpreter_confirmed: {
      subject: '翻译已确认：{{when}}',
      intro: '您已确认担任以下视频会诊的翻译，日历邀请见附件。',
    },
    interpreter_escalation: {
      subject: '尚无翻译：{{when}}',
      intro: '以下会诊尚无翻译接受邀请，请手动指派。',
    },
    summary_available: {
      subject: '您的会诊小结已可查看',
      intro: '专家已完成您的会诊小结，欢迎查阅。',
    },
    guest_invitation: {
      subject: '{{inviter}}邀请您参加 {{when}} 的视频会诊',
      intro:
        '{{inviter}}邀请您以访客身份参加与上海专家的视频会诊。您无需注册账号：请在开始前几分钟打开下方您的专属链接。',
    },
  },
  common: {
    greeting: '{{name}}，您好：',
    yourTime: '您的当地时间（{{zone}}）：{{time}}',
    shanghaiTime: '上海时间（Asia/Shanghai）：{{time}}',
    specialist: '专家：{{name}}',
    department: '科室：{{name}}',
    reason: '原因：{{reason}}',
    join: '进入会诊：{{link}}',
    reschedule: '需要更改时间？请打开 {{link}} 并选择“改期”，或联系{{institution}}国际部。',
    footer: 'Yiqiao 医桥 —— 与上海专家的视频会诊',
    unknown: '未知',
  },
  guest: {
    reminder: {
      subject: '提醒：您受邀参加的会诊将于{{relative}}开始',
      intro: '提醒您：您受邀参加的视频会诊将于{{relative}}开始。请在开始前几分钟打开下方您的专属链接。',
    },
    rescheduled: {
      subject: '您受邀参加的会诊已改期至 {{when}}',
      intro:
        '您受邀参加的视频会诊已改期（原定时间为 {{previous}}）。您的链接保持不变，更新后的日历邀请见附件。',
    },
    cancelled: {
      subject: '您受邀参加的 {{when}} 的会诊已取消',
      intro: '您受邀参加的视频会诊已取消。附件中的日历更新将删除该日程。',
    },
    institution: '医院：{{name}}',
    join: '您的专属参会链接（请勿转发他人）：{{link}}',
    waiting: '进入后，您将在候诊室等候，直到专家允许您进入。请保持页面打开。',
  },
  sms: {
    text: '医桥：{{subject}}。上海时间：{{shanghai}}。{{link}}',
  },
  calendar: {
    summary: '视频会诊：{{department}}（{{specialist}}）',
  },
};
