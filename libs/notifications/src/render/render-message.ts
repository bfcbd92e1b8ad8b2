import { RTL_LOCALES } from '@yiqiao/domain';
import type { MessageContext } from './message-context';
import { guestInviteUrl } from '../guest-link';
import { formatMoment, relativeTo, twoClocks } from './clocks';
import { translator } from './i18n';

export interface RenderedMessage {
  locale: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  /** Paragraphs, in order; the text and HTML bodies are made from them. */
  lines: string[];
  text: string;
  html: string;
  sms: string;
  link: string | null;
}

const WITH_RESCHEDULE_HINT = new Set(['booking_confirmed', 'reminder', 'rescheduled']);
const WITHOUT_JOIN_LINK = new Set(['cancelled']);
/** Kinds worded differently for a guest ("the consultation you were invited to", not "your"). */
const GUEST_WORDING = new Set(['reminder', 'rescheduled', 'cancelled']);
/** Guest messages that remind them of the waiting room. */
const WITH_WAITING_HINT = new Set(['guest_invitation', 'reminder', 'rescheduled']);

export interface RenderOptions {
  /** GUEST_LINK_SECRET: a guest's link is their personal invite page (no secret → no link). */
  guestLinkSecret?: string;
}

export function consultationLink(publicWebUrl: string, consultationId: string): string {
  return `${publicWebUrl.replace(/\/+$/, '')}/consultations/${consultationId}`;
}

/** The message for one notification in the recipient's language, with both clocks. */
export function renderMessage(
  context: MessageContext,
  publicWebUrl: string,
  options: RenderOptions = {},
): RenderedMessage {
  const { notification, recipient, consultation } = context;
  const locale = recipient.locale;
  const t = translator(locale);
  const kind = notification.kind;
  const guest = recipient.kind === 'guest';
  const link = !consultation
    ? null
    : guest
      ? options.guestLinkSecret
        ? guestInviteUrl(publicWebUrl, recipient.id, options.guestLinkSecret)
        : null
      : consultationLink(publicWebUrl, consultation.id);
  const clocks = consultation ? twoClocks(consultation.startsAt, recipient.timeZone, locale) : null;
  const when = clocks ? clocks.local : '';
  const previous = stringData(notification.data.previousStartsAt);
  const respondBy = stringData(notification.data.respondBy) ?? stringData(notification.data.deadline);
  const values = {
    when,
    relative: consultation ? relativeTo(consultation.startsAt, notification.dueAt, locale) : '',
    previous: previous ? formatMoment(new Date(previous), recipient.timeZone, locale) : t('common.unknown'),
    respondBy: respondBy
      ? formatMoment(new Date(respondBy), recipient.timeZone, locale)
      : t('common.unknown'),
    inviter: recipient.invitedBy ?? t('common.unknown'),
  };
  const templates = guest && GUEST_WORDING.has(kind) ? `guest.${kind}` : `kinds.${kind}`;
  const subject = t(`${templates}.subject`, values);
  const lines = [t('common.greeting', { name: recipient.fullName }), t(`${templates}.intro`, values)];
  if (consultation && clocks) {
    lines.push(t('common.yourTime', { zone: clocks.zone, time: clocks.local }));
    if (!clocks.sameZone) lines.push(t('common.shanghaiTime', { time: clocks.shanghai }));
    lines.push(t('common.specialist', { name: consultation.specialistName }));
    lines.push(t('common.department', { name: consultation.departmentName }));
    if (guest) lines.push(t('guest.institution', { name: consultation.institutionName }));
  }
  const reason = stringData(notification.data.reason);
  if (kind === 'cancelled' && reason) lines.push(t('common.reason', { reason }));
  if (guest) {
    if (link && !WITHOUT_JOIN_LINK.has(kind)) lines.push(t('guest.join', { link }));
    if (WITH_WAITING_HINT.has(kind)) lines.push(t('guest.waiting'));
  } else {
    if (link && !WITHOUT_JOIN_LINK.has(kind)) lines.push(t('common.join', { link }));
    if (link && consultation && WITH_RESCHEDULE_HINT.has(kind)) {
      lines.push(t('common.reschedule', { link, institution: consultation.institutionName }));
    }
  }
  const footer = t('common.footer');
  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  return {
    locale,
    dir,
    subject,
    lines,
    text: [...lines, '', footer].join('\n\n'),
    html: toHtml(locale, dir, subject, lines, footer),
    sms: t('sms.text', { subject, shanghai: clocks?.shanghai ?? '', link: link ?? '' }).trim(),
    link,
  };
}

function toHtml(locale: string, dir: string, subject: string, lines: string[], footer: string): string {
  const paragraphs = lines.map((line) => `<p>${linkify(escapeHtml(line))}</p>`).join('\n');
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body dir="${dir}" style="font-family: sans-serif; text-align: ${dir === 'rtl' ? 'right' : 'left'}">
${paragraphs}
<hr><p style="color: #666">${escapeHtml(footer)}</p>
</body>
</html>`;
}

function stringData(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Makes the (already escaped) join link clickable; the link is ours, built from PUBLIC_WEB_URL. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" dir="ltr">${url}</a>`);
}
