import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Template } from '../../../shared/notifications-api';
import { InvalidInputError, toUserMessage } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { useResetTemplateMutation, useTemplatesQuery, useUpdateTemplateMutation } from './queries';
import { SubmitButton } from '../../components/SubmitButton';

const labels = { subject: 'Subject', body: 'Message' };

/** The wording of the emails sent to families and next of kin, for administrators to change. */
export function TemplatesPage() {
  const templates = useTemplatesQuery();
  return (
    <>
      <PageHeader
        title="Email templates"
        description="The wording Plaster starts from when staff email a family or next of kin about an incident. Staff can still change each email before it is sent."
      />
      {templates.isPending && <Loading />}
      {templates.isError && (
        <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
      )}
      {templates.data?.map((template) => (
        <TemplateEditor key={template.key} template={template} />
      ))}
    </>
  );
}

function TemplateEditor({ template }: { template: Template }) {
  const headingId = useId();
  const update = useUpdateTemplateMutation(template.key);
  const reset = useResetTemplateMutation(template.key);
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const error = clientError ?? update.error;
  const errors = fieldErrorsFrom(error, labels);
  const isChanged = subject !== template.subject || body !== template.body;

  const show = (saved: Template) => {
    setSubject(saved.subject);
    setBody(saved.body);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const problems: FieldProblem[] = [];
    if (!subject.trim()) problems.push({ path: 'subject', message: 'is required' });
    if (!body.trim()) problems.push({ path: 'body', message: 'is required' });
    if (problems.length > 0) {
      update.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    update.mutate(
      { subject: subject.trim(), body: body.trim() },
      {
        onSuccess: (saved) => {
          show(saved);
          setNotice(`The ${saved.name.toLowerCase()} template has been saved.`);
        },
      },
    );
  };

  const handleReset = () => {
    reset.mutate(undefined, {
      onSuccess: (saved) => {
        show(saved);
        setIsConfirming(false);
        setClientError(null);
        update.reset();
        setNotice(`The ${saved.name.toLowerCase()} template uses Plaster’s wording again.`);
      },
    });
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="template__header">
        <h2 id={headingId} className="card__title">
          {template.name}
        </h2>
        <span className={template.customised ? 'badge' : 'badge badge--muted'}>
          {template.customised ? 'Your wording' : 'Plaster’s wording'}
        </span>
      </div>
      <StatusMessage message={notice} />
      <div className="template">
        <form onSubmit={handleSubmit} noValidate className="form template__form">
          <FormAlert error={error} labels={labels} />
          <TextField
            label={labels.subject}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
            error={errors.subject}
            maxLength={200}
          />
          <TextAreaField
            label={labels.body}
            hint="Plain text. Leave a blank line between paragraphs."
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={errors.body}
            rows={20}
          />
          <div className="form__actions">
            <SubmitButton pending={update.isPending}>Save template</SubmitButton>
            {isChanged && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  show(template);
                  setClientError(null);
                  update.reset();
                }}
              >
                Undo changes
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                reset.reset();
                setIsConfirming(true);
              }}
              disabled={!template.customised}
              aria-describedby={template.customised ? undefined : `${headingId}-default`}
            >
              Use Plaster’s wording
            </button>
          </div>
          {!template.customised && (
            <p id={`${headingId}-default`} className="muted">
              This template already uses Plaster’s wording.
            </p>
          )}
        </form>
        <aside className="template__placeholders" aria-labelledby={`${headingId}-placeholders`}>
          <h3 id={`${headingId}-placeholders`} className="template__placeholders-title">
            Placeholders
          </h3>
          <p className="muted">
            Each is replaced with the incident’s details when an email is written.
          </p>
          <dl className="placeholders">
            {template.placeholders.map((placeholder) => (
              <div key={placeholder.name}>
                <dt>
                  <code>{`{{${placeholder.name}}}`}</code>
                </dt>
                <dd>{placeholder.description}</dd>
              </div>
            ))}
          </dl>
        </aside>
      </div>
      <ConfirmDialog
        isOpen={isConfirming}
        title={`Use Plaster’s wording for the ${template.name.toLowerCase()} template?`}
        confirmLabel="Use Plaster’s wording"
        isDestructive
        isPending={reset.isPending}
        error={reset.error ? toUserMessage(reset.error) : null}
        onConfirm={handleReset}
        onCancel={() => setIsConfirming(false)}
      >
        <p>Your organisation’s wording of this template will be replaced. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
