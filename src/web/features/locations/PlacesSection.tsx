import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Location } from '../../../shared/incidents-api';
import { toUserMessage } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { useCreateLocationMutation, useLocationsQuery, useUpdateLocationMutation } from './queries';

const labels = { name: 'Name of the place' };

/** The places at a school that an incident can be logged at: added, renamed and archived by admins. */
export function PlacesSection({ schoolId }: { schoolId: string }) {
  const locations = useLocationsQuery(schoolId);
  const [notice, setNotice] = useState<string | null>(null);
  const current = locations.data?.filter((location) => !location.archived) ?? [];
  const archived = locations.data?.filter((location) => location.archived) ?? [];

  return (
    <section className="card" aria-labelledby="school-places">
      <h2 id="school-places" className="card__title">
        Places
      </h2>
      <p className="muted">
        The places people choose from when they log an incident, such as Playground or Dining hall.
        Archiving a place takes it off the list; incidents already logged there keep it.
      </p>
      <StatusMessage message={notice} />
      {locations.isPending && <Loading label="Loading places…" />}
      {locations.isError && (
        <QueryError error={locations.error} onRetry={() => void locations.refetch()} />
      )}
      {locations.data && (
        <>
          {current.length === 0 ? (
            <p>No places yet. Add the first one below.</p>
          ) : (
            <ul className="places" aria-label="Places in use">
              {current.map((location) => (
                <PlaceItem
                  key={location.id}
                  location={location}
                  schoolId={schoolId}
                  onNotice={setNotice}
                />
              ))}
            </ul>
          )}
          <AddPlaceForm schoolId={schoolId} onNotice={setNotice} />
          {archived.length > 0 && (
            <>
              <h3 className="section-title">Archived places</h3>
              <ul className="places" aria-label="Archived places">
                {archived.map((location) => (
                  <PlaceItem
                    key={location.id}
                    location={location}
                    schoolId={schoolId}
                    onNotice={setNotice}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

type PlaceItemProps = {
  location: Location;
  schoolId: string;
  onNotice: (notice: string | null) => void;
};

function PlaceItem({ location, schoolId, onNotice }: PlaceItemProps) {
  const id = useId();
  const update = useUpdateLocationMutation(schoolId);
  const [isRenaming, setIsRenaming] = useState(false);
  const [name, setName] = useState(location.name);
  const errors = fieldErrorsFrom(update.error, labels);

  const handleRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onNotice(null);
    if (name.trim() === location.name) {
      setIsRenaming(false);
      return;
    }
    update.mutate(
      { id: location.id, name },
      {
        onSuccess: (saved) => {
          setIsRenaming(false);
          onNotice(`${location.name} is now called ${saved.name}.`);
        },
      },
    );
  };

  const handleArchive = () => {
    onNotice(null);
    const archived = !location.archived;
    update.mutate(
      { id: location.id, archived },
      {
        onSuccess: () =>
          onNotice(
            archived ? `${location.name} has been archived.` : `${location.name} is back in use.`,
          ),
      },
    );
  };

  if (isRenaming) {
    return (
      <li className="place place--editing">
        <form onSubmit={handleRename} noValidate className="place__form">
          <TextField
            label={`New name for ${location.name}`}
            autoComplete="off"
            autoFocus
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={errors.name}
          />
          <div className="button-row">
            <button type="submit" className="button button--small" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save name'}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setIsRenaming(false);
                setName(location.name);
                update.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="place">
      <span id={`${id}-name`} className="place__name">
        {location.name}
      </span>
      <div className="button-row">
        {!location.archived && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-describedby={`${id}-name`}
            onClick={() => {
              update.reset();
              setIsRenaming(true);
            }}
          >
            Rename
          </button>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-describedby={`${id}-name`}
          onClick={handleArchive}
          disabled={update.isPending}
        >
          {location.archived ? 'Unarchive' : 'Archive'}
        </button>
      </div>
      {update.error && !errors.name && (
        <p role="alert" className="field__error place__error">
          {toUserMessage(update.error)}
        </p>
      )}
    </li>
  );
}

function AddPlaceForm({
  schoolId,
  onNotice,
}: {
  schoolId: string;
  onNotice: (notice: string | null) => void;
}) {
  const create = useCreateLocationMutation(schoolId);
  const [name, setName] = useState('');
  const errors = fieldErrorsFrom(create.error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onNotice(null);
    create.mutate(
      { name },
      {
        onSuccess: (location) => {
          setName('');
          onNotice(`${location.name} has been added.`);
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate className="form form--narrow places__add">
      <FormAlert error={create.error} labels={labels} />
      <TextField
        label="Add a place"
        hint="For example: Playground, Dining hall, Sports hall."
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add place'}
        </button>
      </div>
    </form>
  );
}
