import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { School } from '../../../shared/api';
import type { WondeSchoolCandidate } from '../../../shared/wonde-api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { TextField } from '../../components/TextField';
import { useWondeLookupMutation } from './queries';
import type { ConnectMutation } from './queries';
import { SubmitButton } from '../../components/SubmitButton';

type FindBy = 'urn' | 'wondeSchoolId';

const labels = { urn: 'URN', wondeSchoolId: 'Wonde school id' };

type WondeLookupFormProps = {
  school: School;
  /** The Wonde school of an earlier connection, to offer again. */
  previousWondeSchoolId: string | null;
  /** Owned by the section, which outlives this form once access is requested. */
  connect: ConnectMutation;
  onRequest: (wondeSchoolId: string) => void;
};

/** Find the school in Wonde by URN or Wonde school id, confirm it, and ask for access. */
export function WondeLookupForm({
  school,
  previousWondeSchoolId,
  connect,
  onRequest,
}: WondeLookupFormProps) {
  const id = useId();
  const [findBy, setFindBy] = useState<FindBy>('urn');
  const [urn, setUrn] = useState(school.urn);
  const [wondeSchoolId, setWondeSchoolId] = useState(previousWondeSchoolId ?? '');
  const lookup = useWondeLookupMutation(school.id);
  const errors = fieldErrorsFrom(lookup.error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    connect.reset();
    lookup.mutate(findBy === 'urn' ? { urn: urn.trim() } : { wondeSchoolId: wondeSchoolId.trim() });
  };

  return (
    <>
      <FormAlert error={lookup.error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Find the school in Wonde by</legend>
          <div className="choices choices--inline">
            <div className="choice">
              <input
                type="radio"
                id={`${id}-by-urn`}
                name="findBy"
                checked={findBy === 'urn'}
                onChange={() => setFindBy('urn')}
              />
              <label htmlFor={`${id}-by-urn`} className="choice__label">
                URN
              </label>
            </div>
            <div className="choice">
              <input
                type="radio"
                id={`${id}-by-wonde-id`}
                name="findBy"
                checked={findBy === 'wondeSchoolId'}
                onChange={() => setFindBy('wondeSchoolId')}
              />
              <label htmlFor={`${id}-by-wonde-id`} className="choice__label">
                Wonde school id
              </label>
            </div>
          </div>
        </fieldset>
        {findBy === 'urn' ? (
          <TextField
            key="urn"
            label={labels.urn}
            name="urn"
            hint="The school's six-digit unique reference number."
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            className="field--short"
            value={urn}
            onChange={(event) => setUrn(event.target.value)}
            error={errors.urn}
          />
        ) : (
          <TextField
            key="wondeSchoolId"
            label={labels.wondeSchoolId}
            name="wondeSchoolId"
            hint="Such as A1930499544, from the school's Wonde portal."
            autoComplete="off"
            spellCheck={false}
            className="field--medium"
            value={wondeSchoolId}
            onChange={(event) => setWondeSchoolId(event.target.value)}
            error={errors.wondeSchoolId}
          />
        )}
        <div className="form__actions">
          <SubmitButton pending={lookup.isPending} pendingLabel="Finding…">
            Find school
          </SubmitButton>
        </div>
      </form>
      {lookup.data && lookup.variables && (
        <Candidates
          candidates={lookup.data}
          searchedFor={
            'urn' in lookup.variables
              ? `the URN ${lookup.variables.urn}`
              : `the id ${lookup.variables.wondeSchoolId}`
          }
          schoolUrn={school.urn}
          requestingId={connect.isPending ? (connect.variables ?? null) : null}
          error={connect.error}
          onRequest={(candidate) => onRequest(candidate.wondeSchoolId)}
        />
      )}
    </>
  );
}

type CandidatesProps = {
  candidates: WondeSchoolCandidate[];
  searchedFor: string;
  schoolUrn: string;
  requestingId: string | null;
  error: unknown;
  onRequest: (candidate: WondeSchoolCandidate) => void;
};

function Candidates({
  candidates,
  searchedFor,
  schoolUrn,
  requestingId,
  error,
  onRequest,
}: CandidatesProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A new answer moves focus to it, so it is read out and the choice is one Tab away.
  useEffect(() => {
    headingRef.current?.focus();
  }, [candidates]);

  const count = candidates.length;
  return (
    <section className="candidates" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="candidates__title">
        {count === 0
          ? 'No school found'
          : count === 1
            ? 'One school found'
            : `${count} schools found`}
      </h3>
      {count === 0 ? (
        <p>
          Wonde has no school with {searchedFor}. Check it and try again, or search by the other
          kind of number. A school must be registered with Wonde before Plaster can connect to it.
        </p>
      ) : (
        <p className="muted">Check that this is the right school before you request access.</p>
      )}
      <FormAlert error={error} />
      {count > 0 && (
        <ul className="candidates__list">
          {candidates.map((candidate) => (
            <li key={candidate.wondeSchoolId} className="candidate">
              <p className="candidate__name">{candidate.name}</p>
              <dl className="candidate__facts">
                <div>
                  <dt>URN</dt>
                  <dd>{candidate.urn ?? 'Not given'}</dd>
                </div>
                <div>
                  <dt>Address</dt>
                  <dd>{candidate.address ?? 'Not given'}</dd>
                </div>
                <div>
                  <dt>Wonde school id</dt>
                  <dd>
                    <code>{candidate.wondeSchoolId}</code>
                  </dd>
                </div>
              </dl>
              {candidate.urn && candidate.urn !== schoolUrn && (
                <p className="candidate__warning">
                  This URN is not the one Plaster has for this school ({schoolUrn}).
                </p>
              )}
              <button
                type="button"
                className="button"
                disabled={requestingId !== null}
                onClick={() => onRequest(candidate)}
              >
                {requestingId === candidate.wondeSchoolId ? 'Requesting…' : 'Request access'}
                <span className="visually-hidden"> for {candidate.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
