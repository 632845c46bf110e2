import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { SsoDomain } from '../../../shared/sso-api';
import { InvalidInputError, toUserMessage } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { isDomain } from './describe';
import {
  useAddSsoDomainMutation,
  useRemoveSsoDomainMutation,
  useSsoDomainsQuery,
  useVerifySsoDomainMutation,
} from './queries';
import { CopyableValue } from '../../components/CopyableValue';

const labels = { domain: 'Domain' };

/**
 * The email domains single sign-on is for, and the proof that each is the organisation's: a DNS
 * TXT record. A domain routes no one until it is verified.
 */
export function SsoDomainsCard() {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const domains = useSsoDomainsQuery();
  const [notice, setNotice] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  // Once the removed domain's item (and its dialog) are gone, carry on from the card's heading.
  useEffect(() => {
    if (!removed || domains.data?.domains.some((d) => d.domain === removed)) return;
    headingRef.current?.focus();
    setRemoved(null);
  }, [removed, domains.data]);

  const handleRemoved = (domain: string) => {
    setNotice(`${domain} has been removed.`);
    setRemoved(domain);
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="card__title">
        Email domains
      </h3>
      <p className="muted">
        The sign-in buttons, required single sign-on and accounts made on first sign-in work only
        for addresses at domains your organisation has proved it owns. To prove a domain, add the
        TXT record shown to the domain’s DNS (on the domain itself, not a subdomain), then choose
        Check now. Your DNS host or IT provider can add it. A domain can be proved by one
        organisation only.
      </p>
      <p className="muted">The domains you allow for Microsoft or Google are listed here too.</p>
      <StatusMessage message={notice} />
      {domains.isPending && <Loading label="Loading domains…" />}
      {domains.isError && (
        <QueryError error={domains.error} onRetry={() => void domains.refetch()} />
      )}
      {domains.data &&
        (domains.data.domains.length === 0 ? (
          <p className="muted">No domains yet.</p>
        ) : (
          <ul className="sso-domains">
            {domains.data.domains.map((domain) => (
              <DomainItem
                key={domain.domain}
                domain={domain}
                onRemoved={() => handleRemoved(domain.domain)}
                onChange={() => setNotice(null)}
              />
            ))}
          </ul>
        ))}
      <AddDomainForm onChange={() => setNotice(null)} />
    </section>
  );
}

type DomainItemProps = { domain: SsoDomain; onRemoved: () => void; onChange: () => void };

function DomainItem({ domain, onRemoved, onChange }: DomainItemProps) {
  const nameId = useId();
  const nameRef = useRef<HTMLHeadingElement>(null);
  const verify = useVerifySsoDomainMutation(domain.domain);
  const remove = useRemoveSsoDomainMutation(domain.domain, onRemoved);
  const [result, setResult] = useState<{ message: string; found: boolean } | null>(null);
  const [isConfirmingRemove, setIsConfirmingRemove] = useState(false);
  const isVerified = domain.status === 'verified';

  const handleCheck = () => {
    onChange();
    setResult(null);
    verify.mutate(undefined, {
      onSuccess: (check) => {
        // Check now goes once the domain is verified: carry on from its name.
        if (check.found) nameRef.current?.focus();
        setResult(
          check.found
            ? {
                found: true,
                message: `${domain.domain} is verified: it is now your organisation’s.`,
              }
            : {
                found: false,
                message: `The TXT record was not found on ${domain.domain} yet. A new DNS record can take from a few minutes to a day to be seen: check again later.`,
              },
        );
      },
    });
  };

  return (
    <li className="sso-domain" aria-labelledby={nameId}>
      <div className="sso-card__header">
        <h4 id={nameId} ref={nameRef} tabIndex={-1} className="sso-domain__name">
          {domain.domain}
        </h4>
        <span className={isVerified ? 'badge badge--success' : 'badge badge--warning'}>
          {isVerified ? 'Verified' : 'Not verified'}
        </span>
      </div>
      {isVerified && domain.verifiedAt && (
        <p className="muted">
          Verified <DateTime value={domain.verifiedAt} />. Leave the TXT record in place.
        </p>
      )}
      <StatusMessage message={result?.message ?? null} tone={result?.found ? 'success' : 'info'} />
      <FormAlert error={verify.error} />
      {!isVerified && (
        <CopyableValue
          label={`TXT record for ${domain.domain}`}
          hint={`Add a TXT record with this value to ${domain.domain}, then choose Check now.`}
          value={domain.txtRecord}
          what={`the TXT record for ${domain.domain}`}
        />
      )}
      <div className="form__actions">
        {!isVerified && (
          <button
            type="button"
            className="button button--small"
            onClick={handleCheck}
            disabled={verify.isPending}
          >
            {verify.isPending ? 'Checking…' : 'Check now'}
            <span className="visually-hidden"> for {domain.domain}</span>
          </button>
        )}
        <button
          type="button"
          className="button button--danger button--small"
          onClick={() => {
            onChange();
            remove.reset();
            setIsConfirmingRemove(true);
          }}
        >
          Remove<span className="visually-hidden"> {domain.domain}</span>
        </button>
      </div>
      <ConfirmDialog
        isOpen={isConfirmingRemove}
        title={`Remove ${domain.domain}?`}
        confirmLabel="Remove"
        isDestructive
        isPending={remove.isPending}
        error={remove.error ? toUserMessage(remove.error) : null}
        onConfirm={() => remove.mutate()}
        onCancel={() => setIsConfirmingRemove(false)}
      >
        {isVerified ? (
          <p>
            People with {domain.domain} addresses will no longer be offered Microsoft or Google
            sign-in, nor be required to use it. To use it again, the domain must be proved again.
          </p>
        ) : (
          <p>The domain has not been proved, so removing it changes nothing for anyone.</p>
        )}
      </ConfirmDialog>
    </li>
  );
}

function AddDomainForm({ onChange }: { onChange: () => void }) {
  const add = useAddSsoDomainMutation();
  const [domain, setDomain] = useState('');
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? add.error;
  const errors = fieldErrorsFrom(error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange();
    setNotice(null);
    const value = domain.trim().toLowerCase().replace(/^@/, '');
    if (!isDomain(value)) {
      add.reset();
      setClientError(
        new InvalidInputError([
          { path: 'domain', message: 'Enter a domain such as school.org.uk.' },
        ]),
      );
      return;
    }
    setClientError(null);
    add.mutate(
      { domain: value },
      {
        onSuccess: (added) => {
          setDomain('');
          setNotice(`${added.domain} has been added. Add its TXT record, then check it.`);
        },
      },
    );
  };

  return (
    <>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={labels.domain}
          name="domain"
          hint="An email domain of your organisation, such as school.org.uk."
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={domain}
          onChange={(event) => {
            setNotice(null);
            setDomain(event.target.value);
          }}
          error={errors.domain}
        />
        <div className="form__actions">
          <SubmitButton pending={add.isPending} pendingLabel="Adding…">
            Add domain
          </SubmitButton>
        </div>
      </form>
    </>
  );
}
