import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Organisation } from '../../../shared/api';
import { InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { SsoSettingsSection } from '../sso/SsoSettingsSection';
import { useOrganisationQuery, useUpdateOrganisationMutation } from './queries';
import { SubmitButton } from '../../components/SubmitButton';

const labels = { name: 'Name' };

export function OrganisationPage() {
  const organisation = useOrganisationQuery();
  return (
    <>
      <PageHeader
        title="Organisation"
        description="Your organisation’s name, when people are flagged for repeat incidents, and how people sign in."
      />
      {organisation.isPending && <Loading />}
      {organisation.isError && (
        <QueryError error={organisation.error} onRetry={() => void organisation.refetch()} />
      )}
      {organisation.data && (
        <>
          <RenameForm organisation={organisation.data} />
          <RepeatSettingsForm organisation={organisation.data} />
          <OpenAlertForm organisation={organisation.data} />
          <SsoSettingsSection />
        </>
      )}
    </>
  );
}

function RenameForm({ organisation }: { organisation: Organisation }) {
  const update = useUpdateOrganisationMutation();
  const [name, setName] = useState(organisation.name);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrorsFrom(update.error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    update.mutate(
      { name: name.trim() },
      { onSuccess: (saved) => setNotice(`The organisation is now called ${saved.name}.`) },
    );
  };

  return (
    <section className="card" aria-labelledby="organisation-name">
      <h2 id="organisation-name" className="card__title">
        {organisation.kind === 'trust' ? 'Trust name' : 'School name'}
      </h2>
      <StatusMessage message={notice} />
      <FormAlert error={update.error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={labels.name}
          name="name"
          autoComplete="organization"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <div className="form__actions">
          <SubmitButton pending={update.isPending}>Save name</SubmitButton>
        </div>
      </form>
    </section>
  );
}

const repeatLabels = {
  repeatThreshold: 'Incidents that flag a person',
  repeatWindowDays: 'Within this many days',
};

const wholeNumber = /^\d+$/;

/** When a pupil or member of staff is flagged for repeat incidents: N incidents within D days. */
function RepeatSettingsForm({ organisation }: { organisation: Organisation }) {
  const update = useUpdateOrganisationMutation();
  const [threshold, setThreshold] = useState(String(organisation.repeatThreshold));
  const [windowDays, setWindowDays] = useState(String(organisation.repeatWindowDays));
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? update.error;
  const errors = fieldErrorsFrom(error, repeatLabels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const problems: FieldProblem[] = [];
    const repeatThreshold = Number(threshold.trim());
    const repeatWindowDays = Number(windowDays.trim());
    if (!wholeNumber.test(threshold.trim()) || repeatThreshold < 2 || repeatThreshold > 50) {
      problems.push({ path: 'repeatThreshold', message: 'Enter a whole number from 2 to 50.' });
    }
    if (!wholeNumber.test(windowDays.trim()) || repeatWindowDays < 1 || repeatWindowDays > 365) {
      problems.push({
        path: 'repeatWindowDays',
        message: 'Enter a whole number of days, 1 to 365.',
      });
    }
    if (problems.length > 0) {
      update.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    update.mutate(
      { repeatThreshold, repeatWindowDays },
      {
        onSuccess: (saved) =>
          setNotice(
            `People are now flagged at ${saved.repeatThreshold} incidents within ${saved.repeatWindowDays} days.`,
          ),
      },
    );
  };

  return (
    <section className="card" aria-labelledby="organisation-repeat">
      <h2 id="organisation-repeat" className="card__title">
        Repeat incidents
      </h2>
      <p className="muted">
        A pupil or member of staff with this many incidents in the period is flagged on their page
        and on the dashboard, so someone can look at what the incidents have in common.
      </p>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={repeatLabels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={repeatLabels.repeatThreshold}
          hint="From 2 to 50."
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          className="field--short"
          value={threshold}
          onChange={(event) => setThreshold(event.target.value)}
          error={errors.repeatThreshold}
        />
        <TextField
          label={repeatLabels.repeatWindowDays}
          hint="From 1 to 365 days, counting back from today."
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          className="field--short"
          value={windowDays}
          onChange={(event) => setWindowDays(event.target.value)}
          error={errors.repeatWindowDays}
        />
        <div className="form__actions">
          <SubmitButton pending={update.isPending}>Save repeat settings</SubmitButton>
        </div>
      </form>
    </section>
  );
}

const openAlertLabels = { openAlertDays: 'Days an incident may stay open' };

/** How long an incident may stay open before Needs attention lists it. */
function OpenAlertForm({ organisation }: { organisation: Organisation }) {
  const update = useUpdateOrganisationMutation();
  const [days, setDays] = useState(String(organisation.openAlertDays));
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? update.error;
  const errors = fieldErrorsFrom(error, openAlertLabels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const openAlertDays = Number(days.trim());
    if (!wholeNumber.test(days.trim()) || openAlertDays < 1 || openAlertDays > 365) {
      update.reset();
      setClientError(
        new InvalidInputError([
          { path: 'openAlertDays', message: 'Enter a whole number of days, 1 to 365.' },
        ]),
      );
      return;
    }
    setClientError(null);
    update.mutate(
      { openAlertDays },
      {
        onSuccess: (saved) =>
          setNotice(
            `Incidents still open ${saved.openAlertDays} days after they happened now show on Needs attention.`,
          ),
      },
    );
  };

  return (
    <section className="card" aria-labelledby="organisation-open-alert">
      <h2 id="organisation-open-alert" className="card__title">
        Incidents left open
      </h2>
      <p className="muted">
        Needs attention lists incidents not yet signed off this many days after they happened.
      </p>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={openAlertLabels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={openAlertLabels.openAlertDays}
          hint="From 1 to 365 days."
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          className="field--short"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={errors.openAlertDays}
        />
        <div className="form__actions">
          <SubmitButton pending={update.isPending}>Save</SubmitButton>
        </div>
      </form>
    </section>
  );
}
