import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Incident } from '../../../shared/incidents-api';
import type {
  Contact,
  Notification,
  Preview,
  SendInput,
  TemplateKey,
} from '../../../shared/notifications-api';
import { TEMPLATE_KEYS } from '../../../shared/fixed-lists';
import { InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { RadioGroup } from '../../components/RadioGroup';
import { StatusMessage } from '../../components/StatusMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { ContactsTable } from './ContactsTable';
import { audienceOf, audienceTitles, looksLikeEmail, templateLabels } from './describe';
import type { Audience } from './describe';
import { EmailFrame } from './EmailFrame';
import { newIdempotencyKey } from '../../app/idempotency';
import { useContactsQuery, usePreviewQuery, useSendMutation } from './queries';

const labels = {
  recipients: 'Recipient',
  recipientName: 'Name',
  recipientEmail: 'Email address',
  subject: 'Subject',
  text: 'Message',
};

const templateOptions = TEMPLATE_KEYS.map((key) => ({ value: key, label: templateLabels[key] }));

/** The email as the user is editing it, and the preview it started from. */
type Draft = { source: string; subject: string; text: string; original: Preview };

const intro: Record<Audience, string> = {
  family:
    'Contacts are read from the school’s MIS each time you open this page and are not kept in Plaster. Choose who to email; phone numbers are there to ring as well.',
  next_of_kin:
    'Next of kin are read from the school’s MIS each time you open this page and are not kept in Plaster. Choose who to email; phone numbers are there to ring as well.',
  person: 'Send this person an email about the incident from Plaster.',
};

type TellFamilySectionProps = { incident: Incident };

/** The section's heading: "Still to do" leads here. One per incident page. */
export const TELL_FAMILY_HEADING_ID = 'incident-tell-family';

/**
 * "Tell the family": the pupil's contacts or a member of staff's next of kin from the MIS (or,
 * for someone entered by hand, a name and address typed in), an email from a template to
 * check and edit, and Send.
 */
export function TellFamilySection({ incident }: TellFamilySectionProps) {
  const headingId = TELL_FAMILY_HEADING_ID;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { person } = incident;
  const audience = audienceOf(person);
  const isDirectoryPerson = person.personId !== null;
  const contacts = useContactsQuery(isDirectoryPerson && !person.unmatched ? incident.id : null);
  const send = useSendMutation(incident.id);

  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [manualName, setManualName] = useState(
    person.kind === 'pupil' || person.kind === 'staff' ? '' : person.name,
  );
  const [manualEmail, setManualEmail] = useState(
    person.contact && looksLikeEmail(person.contact) ? person.contact.trim() : '',
  );
  const [isComposing, setIsComposing] = useState(false);
  const [templateKey, setTemplateKey] = useState<TemplateKey>(
    incident.headInjury ? 'head_injury' : 'general',
  );
  const [keepOtherNames, setKeepOtherNames] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const source = `${templateKey}:${String(keepOtherNames)}`;
  const preview = usePreviewQuery(incident.id, { templateKey, keepOtherNames }, isComposing);
  // A new template or names choice starts the email again from the new preview; nothing else
  // (a failed send, a refetch) replaces what the user has written.
  if (isComposing && preview.data && !preview.isPlaceholderData && draft?.source !== source) {
    setDraft({
      source,
      subject: preview.data.subject,
      text: preview.data.text,
      original: preview.data,
    });
  }

  const error = clientError ?? send.error;
  const errors = fieldErrorsFrom(error, labels);
  const contactList: Contact[] = contacts.data?.contacts ?? [];
  const canEmailSomeone = isDirectoryPerson ? contactList.some((c) => c.email) : true;
  const isEdited =
    draft !== null &&
    (draft.subject !== draft.original.subject || draft.text !== draft.original.text);
  const isUpdating = draft !== null && draft.source !== source;

  const toggle = (contactId: string, isChosen: boolean) => {
    setChosen((before) => {
      const after = new Set(before);
      if (isChosen) after.add(contactId);
      else after.delete(contactId);
      return after;
    });
  };

  const startComposing = () => {
    setNotice(null);
    setIsComposing(true);
  };

  const stopComposing = () => {
    setIsComposing(false);
    setDraft(null);
    setKeepOtherNames(false);
    setClientError(null);
    send.reset();
  };

  const afterSending = (notifications: Notification[]) => {
    const names = [...new Set(notifications.map((n) => n.recipientName ?? 'the family'))];
    setNotice(
      `Your email to ${joinNames(names)} is on its way. Its delivery shows in the communication log.`,
    );
    stopComposing();
    setChosen(new Set());
    setIdempotencyKey(newIdempotencyKey());
    headingRef.current?.focus();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft || isUpdating || send.isPending) return;
    const problems: FieldProblem[] = [];
    let recipients: SendInput['recipients'];
    if (isDirectoryPerson) {
      recipients = contactList.filter((c) => chosen.has(c.id)).map((c) => ({ contactId: c.id }));
      if (recipients.length === 0) {
        problems.push({ path: 'recipients', message: 'Choose at least one person to email.' });
      }
    } else {
      recipients = [{ name: manualName.trim(), email: manualEmail.trim() }];
      if (!manualName.trim()) problems.push({ path: 'recipientName', message: 'is required' });
      if (!looksLikeEmail(manualEmail)) {
        problems.push({
          path: 'recipientEmail',
          message: 'must be an email address, like name@example.com',
        });
      }
    }
    if (!draft.subject.trim()) problems.push({ path: 'subject', message: 'is required' });
    if (!draft.text.trim()) problems.push({ path: 'text', message: 'is required' });
    if (problems.length > 0) {
      send.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    send.mutate(
      { recipients, subject: draft.subject, text: draft.text, idempotencyKey },
      { onSuccess: afterSending },
    );
  };

  return (
    <section className="card no-print" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} className="card__title" tabIndex={-1}>
        {audienceTitles[audience]}
      </h2>
      <StatusMessage message={notice} />
      <p className="muted">{intro[audience]}</p>

      <form onSubmit={handleSubmit} noValidate className="form tell-family">
        {isDirectoryPerson ? (
          <fieldset
            className={errors.recipients ? 'fieldset field--invalid' : 'fieldset'}
            aria-describedby={errors.recipients ? `${headingId}-recipients-error` : undefined}
          >
            <legend className="fieldset__legend">Who should get the email?</legend>
            {errors.recipients && (
              <p id={`${headingId}-recipients-error`} className="field__error fieldset__hint">
                <span className="visually-hidden">Error: </span>
                {errors.recipients}
              </p>
            )}
            {contacts.isPending && <Loading label="Reading contacts from the MIS…" />}
            {contacts.isError && (
              <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
            )}
            {contacts.data && contactList.length === 0 && (
              <p className="empty">
                The MIS holds no {audience === 'family' ? 'contacts' : 'next of kin'} for{' '}
                {person.name}.
              </p>
            )}
            {contacts.data && contactList.length > 0 && (
              <ContactsTable
                response={contacts.data}
                chosen={chosen}
                onToggle={toggle}
                disabled={send.isPending}
              />
            )}
            {contacts.data && contactList.length > 0 && !canEmailSomeone && (
              <p className="muted">
                No one here has an email address in the MIS: ring them instead.
              </p>
            )}
          </fieldset>
        ) : (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Who should get the email?</legend>
            {audience !== 'person' && (
              <p className="field__hint fieldset__hint">
                {person.name} is no longer in the school’s directory, so contacts cannot be read
                from the MIS. Type the name and email address of the person to tell.
              </p>
            )}
            {person.contact && (
              <p className="field__hint fieldset__hint">
                Contact noted when the incident was logged: {person.contact}
              </p>
            )}
            <div className="field-row">
              <TextField
                label={labels.recipientName}
                autoComplete="off"
                value={manualName}
                onChange={(event) => setManualName(event.target.value)}
                error={errors.recipientName}
                disabled={send.isPending}
              />
              <TextField
                label={labels.recipientEmail}
                type="email"
                autoComplete="off"
                spellCheck={false}
                value={manualEmail}
                onChange={(event) => setManualEmail(event.target.value)}
                error={errors.recipientEmail}
                disabled={send.isPending}
              />
            </div>
          </fieldset>
        )}

        {!isComposing && canEmailSomeone && (
          <div className="form__actions">
            <button type="button" className="button" onClick={startComposing}>
              Write the email
            </button>
          </div>
        )}

        {isComposing && (
          <div className="compose">
            <RadioGroup
              legend="Template"
              name={`${headingId}-template`}
              layout="inline"
              options={templateOptions}
              value={templateKey}
              onChange={setTemplateKey}
              hint={
                isEdited
                  ? 'Choosing another template starts the email again and replaces your edits.'
                  : incident.headInjury
                    ? 'Head injury includes the warning signs to watch for over the next 24 hours.'
                    : undefined
              }
            />

            {preview.isPending && <Loading label="Preparing the email…" />}
            {preview.isError && (
              <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
            )}

            {draft && preview.data && (
              <>
                {preview.data.otherNames.length > 0 && (
                  <OtherNamesNotice
                    names={preview.data.otherNames}
                    keep={keepOtherNames}
                    onKeepChange={setKeepOtherNames}
                    isEdited={isEdited}
                    disabled={send.isPending || preview.isFetching}
                  />
                )}
                <div role="status" className="compose__updating">
                  {isUpdating && 'Updating the email…'}
                </div>
                <TextField
                  label={labels.subject}
                  value={draft.subject}
                  onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
                  error={errors.subject}
                  readOnly={isUpdating}
                  maxLength={200}
                />
                <TextAreaField
                  label={labels.text}
                  hint="Check the wording, and change it if you need to, before sending."
                  value={draft.text}
                  onChange={(event) => setDraft({ ...draft, text: event.target.value })}
                  error={errors.text}
                  readOnly={isUpdating}
                  rows={18}
                  className="field--wide"
                />
                <details className="compose__formatted">
                  <summary>How the email will look</summary>
                  {isEdited && (
                    <p className="muted">
                      This shows the wording before your edits. The email sent has your edited
                      message, laid out the same way.
                    </p>
                  )}
                  <EmailFrame html={draft.original.html} title="The email as it will look" />
                </details>
              </>
            )}

            <FormAlert error={error} labels={labels} />
            <div className="form__actions">
              <button
                type="submit"
                className="button"
                disabled={send.isPending || !draft || isUpdating}
              >
                {send.isPending ? 'Sending…' : 'Send email'}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={stopComposing}
                disabled={send.isPending}
              >
                Cancel
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}

type OtherNamesNoticeProps = {
  names: string[];
  keep: boolean;
  onKeepChange: (keep: boolean) => void;
  isEdited: boolean;
  disabled: boolean;
};

/** Other pupils named in the account are not this family's business, unless the user says so. */
function OtherNamesNotice({
  names,
  keep,
  onKeepChange,
  isEdited,
  disabled,
}: OtherNamesNoticeProps) {
  const id = useId();
  return (
    <div className="notice other-names">
      <p className="other-names__title">
        {keep
          ? 'Other pupils’ names are kept in this email:'
          : 'Other pupils’ names have been removed from this email and replaced with “another pupil”:'}{' '}
        {names.join(', ')}.
      </p>
      <div className="choice">
        <input
          type="checkbox"
          id={id}
          checked={keep}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onKeepChange(event.target.checked)}
        />
        <label htmlFor={id} className="choice__label">
          Keep these names
        </label>
        <p id={`${id}-hint`} className="choice__hint">
          Only when this family should see them.
          {isEdited && ' The email starts again from the template, replacing your edits.'}
        </p>
      </div>
    </div>
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'the family';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
