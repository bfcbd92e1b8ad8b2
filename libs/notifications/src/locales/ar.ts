import type { LocaleResource } from './en';

export const ar: LocaleResource = {
  kinds: {
    booking_confirmed: {
      subject: 'تم حجز استشارتك في {{when}}',
      intro: 'تم تأكيد استشارتك عبر الفيديو. دعوة التقويم مرفقة.',
    },
    reminder: {
      subject: 'تذكير: تبدأ استشارتك {{relative}}',
      intro: 'نذكّرك بأن استشارتك عبر الفيديو تبدأ {{relative}}.',
    },
    rescheduled: {
      subject: 'تم نقل استشارتك إلى {{when}}',
      intro: 'تمت إعادة جدولة استشارتك عبر الفيديو (كانت مقررة في {{previous}}). دعوة التقويم المحدَّثة مرفقة.',
    },
    cancelled: {
      subject: 'تم إلغاء استشارتك في {{when}}',
      intro: 'تم إلغاء استشارتك عبر الفيديو. التحديث المرفق يحذف الموعد من التقويم.',
    },
    interpreter_offer: {
      subject: 'طلب ترجمة: {{when}}',
      intro: 'ندعوك للترجمة في استشارة عبر الفيديو. يرجى القبول أو الرفض قبل {{respondBy}}.',
    },
    interpreter_confirmed: {
      subject: 'تم تأكيد المترجم: {{when}}',
      intro: 'تم تأكيدك مترجمًا للاستشارة عبر الفيديو أدناه. دعوة التقويم مرفقة.',
    },
    interpreter_escalation: {
      subject: 'لا يوجد مترجم بعد: {{when}}',
      intro: 'لم يقبل أي مترجم الاستشارة أدناه. يرجى تعيين مترجم يدويًا.',
    },
    summary_available: {
      subject: 'ملخص استشارتك متاح',
      intro: 'ملخص الطبيب المختص لاستشارتك جاهز للقراءة.',
    },
  },
  common: {
    greeting: 'عزيزي/عزيزتي {{name}}،',
    yourTime: 'توقيتك ({{zone}}): {{time}}',
    shanghaiTime: 'توقيت شنغهاي (Asia/Shanghai): {{time}}',
    specialist: 'الطبيب المختص: {{name}}',
    department: 'القسم: {{name}}',
    reason: 'السبب: {{reason}}',
    join: 'الانضمام إلى الاستشارة: {{link}}',
    reschedule:
      'هل تحتاج إلى وقت آخر؟ افتح {{link}} واختر «إعادة الجدولة»، أو تواصل مع الوحدة الدولية في {{institution}}.',
    footer: 'Yiqiao 医桥 — استشارات عبر الفيديو مع أطباء مختصين في شنغهاي',
    unknown: 'غير معروف',
  },
  sms: {
    text: 'Yiqiao: {{subject}}. توقيت شنغهاي: {{shanghai}}. {{link}}',
  },
  calendar: {
    summary: 'استشارة عبر الفيديو: {{department}} ({{specialist}})',
  },
};
