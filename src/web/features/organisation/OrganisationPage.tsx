import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Organisation } from '../../../shared/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { useOrganisationQuery, useUpdateOrganisationMutation } from './queries';

const labels = { name: 'Name' };

export function OrganisationPage() {
  const organisation = useOrganisationQuery();
  return (
    <>
      <PageHeader
        title="Organisation"
        description="The name shown to everyone in your organisation at the top of every page."
      />
      {organisation.isPending && <Loading />}
      {organisation.isError && (
        <QueryError error={organisation.error} onRetry={() => void organisation.refetch()} />
      )}
      {organisation.data && <RenameForm organisation={organisation.data} />}
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
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save name'}
          </button>
        </div>
      </form>
    </section>
  );
}
