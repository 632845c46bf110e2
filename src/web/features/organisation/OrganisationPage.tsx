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
          <IncidentSettingsForm organisation={organisation.data} />
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

const settingLabels = {
  repeatThreshold: 'Incidents that flag a person',
  repeatWindowDays: 'Within this many days',
  openAlertDays: 'Days an incident may stay open',
};

const wholeNumber = /^\d+$/;

/** A whole number typed in a field, or null when it is not one within [min, max]. */
function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  return wholeNumber.test(text.trim()) && value >= min && value <= max ? value : null;
}

/**
 * When a pupil or member of staff is flagged for repeat incidents (N incidents within D days),
 * and how long an incident may stay open before Needs attention lists it.
 */
function IncidentSettingsForm({ organisation }: { organisation: Organisation }) {
  const update = useUpdateOrganisationMutation();
  const [threshold, setThreshold] = useState(String(organisation.repeatThreshold));
  const [windowDays, setWindowDays] = useState(String(organisation.repeatWindowDays));
  const [openDays, setOpenDays] = useState(String(organisation.openAlertDays));
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? update.error;
  const errors = fieldErrorsFrom(error, settingLabels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const problems: FieldProblem[] = [];
    const repeatThreshold = wholeNumberIn(threshold, 2, 50);
    const repeatWindowDays = wholeNumberIn(windowDays, 1, 365);
    const openAlertDays = wholeNumberIn(openDays, 1, 365);
    if (repeatThreshold === null) {
      problems.push({ path: 'repeatThreshold', message: 'Enter a whole number from 2 to 50.' });
    }
    if (repeatWindowDays === null) {
      problems.push({
        path: 'repeatWindowDays',
        message: 'Enter a whole number of days, 1 to 365.',
      });
    }
    if (openAlertDays === null) {
      problems.push({ path: 'openAlertDays', message: 'Enter a whole number of days, 1 to 365.' });
    }
    if (repeatThreshold === null || repeatWindowDays === null || openAlertDays === null) {
      update.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    update.mutate(
      { repeatThreshold, repeatWindowDays, openAlertDays },
      {
        onSuccess: (saved) =>
          setNotice(
            `People are now flagged at ${saved.repeatThreshold} incidents within ${saved.repeatWindowDays} days; incidents still open after ${saved.openAlertDays} days show on Needs attention.`,
          ),
      },
    );
  };

  return (
    <section className="card" aria-labelledby="organisation-repeat">
      <h2 id="organisation-repeat" className="card__title">
        Repeat and open incidents
      </h2>
      <p className="muted">
        A pupil or member of staff with this many incidents in the period is flagged on their page
        and on the dashboard, so someone can look at what the incidents have in common. Incidents
        left open too long are listed on Needs attention.
      </p>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={settingLabels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={settingLabels.repeatThreshold}
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
          label={settingLabels.repeatWindowDays}
          hint="From 1 to 365 days, counting back from today."
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          className="field--short"
          value={windowDays}
          onChange={(event) => setWindowDays(event.target.value)}
          error={errors.repeatWindowDays}
        />
        <TextField
          label={settingLabels.openAlertDays}
          hint="Needs attention lists incidents not yet signed off this many days after they happened; 1 to 365."
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          className="field--short"
          value={openDays}
          onChange={(event) => setOpenDays(event.target.value)}
          error={errors.openAlertDays}
        />
        <div className="form__actions">
          <SubmitButton pending={update.isPending}>Save these settings</SubmitButton>
        </div>
      </form>
    </section>
  );
}
