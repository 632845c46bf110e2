import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { CaughtMail } from '../../../shared/notifications-api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { EmailFrame } from './EmailFrame';
import { useCaughtMailQuery } from './queries';

/** The demo's mailbox: every email Plaster sent, caught by its own mail server. */
export function MailPage() {
  const mail = useCaughtMailQuery();
  const [params, setParams] = useSearchParams();
  const messages = [...(mail.data ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const selected = messages.find((m) => m.id === params.get('id')) ?? messages[0] ?? null;

  return (
    <>
      <PageHeader
        title="Mail (demo)"
        description="These emails were caught by the demo’s own mail server and reached no one. They show what families and next of kin would receive."
      />
      {mail.isPending && <Loading label="Loading the caught emails…" />}
      {mail.isError && <QueryError error={mail.error} onRetry={() => void mail.refetch()} />}
      {mail.data && messages.length === 0 && (
        <div className="empty">
          <p>No emails yet. Emails sent from an incident’s page appear here.</p>
        </div>
      )}
      {selected && (
        <div className="mailbox">
          <section className="mailbox__list" aria-label="Caught emails, newest first">
            <ul>
              {messages.map((message) => (
                <li key={message.id}>
                  <button
                    type="button"
                    className="mailbox__item"
                    aria-current={message.id === selected.id ? 'true' : undefined}
                    onClick={() => setParams({ id: message.id }, { replace: true })}
                  >
                    <span className="mailbox__subject">{message.subject || '(no subject)'}</span>
                    <span className="mailbox__meta">
                      To {message.to.join(', ')} · <DateTime value={message.receivedAt} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <CaughtMessage message={selected} />
        </div>
      )}
    </>
  );
}

function CaughtMessage({ message }: { message: CaughtMail }) {
  const headingId = useId();
  return (
    <article className="card mailbox__message" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {message.subject || '(no subject)'}
      </h2>
      <dl className="summary-list mailbox__headers">
        <div>
          <dt>From</dt>
          <dd>{message.from}</dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>{message.to.join(', ')}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>
            <DateTime value={message.receivedAt} withSeconds />
          </dd>
        </div>
      </dl>
      {message.html ? (
        <EmailFrame html={message.html} title={`The email: ${message.subject}`} />
      ) : (
        <p className="preserve-lines mailbox__text">{message.text}</p>
      )}
      {message.html && (
        <details className="mailbox__plain">
          <summary>Plain text version</summary>
          <p className="preserve-lines mailbox__text">{message.text}</p>
        </details>
      )}
    </article>
  );
}
