import type { TemplateKey } from '../../../shared/notifications-api';

/**
 * Plaster's default wording. Schools edit their own (a template is a school's choice, not a
 * legal form: docs/school-safety-rules.md, Telling parents). Placeholders are filled from the incident.
 */
export const DEFAULT_TEMPLATES: Record<
  TemplateKey,
  { name: string; subject: string; body: string }
> = {
  general: {
    name: 'General incident',
    subject: '{{schoolName}}: an incident involving {{personFirstName}} on {{incidentDate}}',
    body: `{{greeting}},

We are writing to let you know that {{personFirstName}} was involved in an incident at school on {{incidentDate}} at {{incidentTime}}.

Where: {{location}}
What happened: {{whatHappened}}
Injuries: {{injuries}}
First aid: {{firstAid}}
What we did: {{actions}}

If you have any questions, please contact {{senderName}} at {{schoolName}}{{senderEmail}}.

Kind regards,
{{senderName}}
{{schoolName}}`,
  },
  head_injury: {
    name: 'Head injury',
    subject:
      '{{schoolName}}: {{personFirstName}} bumped their head today – please keep an eye on them',
    body: `{{greeting}},

{{personFirstName}} had a bump to the head at school on {{incidentDate}} at {{incidentTime}}. We looked after them and they were checked by a first aider.

Where: {{location}}
What happened: {{whatHappened}}
Injuries: {{injuries}}
First aid: {{firstAid}}
What we did: {{actions}}

Most bumps to the head are minor, but problems can show up later. Please watch {{personFirstName}} closely over the next 24 hours and get medical advice straight away (NHS 111, or 999 in an emergency) if they:
- lose consciousness, even for a moment
- have a headache that keeps getting worse
- are sick more than once
- are unusually sleepy or hard to wake
- seem confused, or struggle to speak or understand
- have trouble with balance or walking, or with their eyesight
- have clear fluid coming from their nose or ears
- have a fit, or behave in a way that worries you

If you have any questions, please contact {{senderName}} at {{schoolName}}{{senderEmail}}.

Kind regards,
{{senderName}}
{{schoolName}}`,
  },
};

export const PLACEHOLDERS = [
  {
    name: 'greeting',
    description: '"Dear parent or carer" for a pupil, "Hello" for a member of staff\'s next of kin',
  },
  { name: 'personFirstName', description: 'first name of the person affected' },
  { name: 'personName', description: 'full name of the person affected' },
  { name: 'schoolName', description: 'the school' },
  { name: 'incidentDate', description: 'the day it happened, e.g. Tuesday 3 March 2026' },
  { name: 'incidentTime', description: 'the time it happened, e.g. 12:40' },
  { name: 'location', description: 'where it happened' },
  {
    name: 'whatHappened',
    description: 'the account of what happened (other pupils’ names removed unless kept)',
  },
  { name: 'injuries', description: 'the injuries recorded' },
  { name: 'firstAid', description: 'the first aid given and by whom' },
  { name: 'actions', description: 'the immediate actions taken and the outcome' },
  { name: 'senderName', description: 'the name of the person sending' },
  { name: 'senderEmail', description: 'the sender’s email, as “ (email)”' },
] as const;

export type PlaceholderValues = Record<(typeof PLACEHOLDERS)[number]['name'], string>;

/** Fills {{placeholders}}; an unknown placeholder is left as written, for the user to see. */
export function fillTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as keyof PlaceholderValues] : whole,
  );
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The HTML part of an email from its plain text: escaped, paragraphs and line breaks kept. */
export function htmlFromText(text: string, schoolName: string): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 14px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(schoolName)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f23">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px;padding:24px">
<p style="margin:0 0 18px;font-weight:bold;color:#1d4e5f">${escapeHtml(schoolName)}</p>
${paragraphs}
</div></body></html>`;
}
