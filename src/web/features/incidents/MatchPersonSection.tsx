import { useState } from 'react';
import type { Incident } from '../../../shared/incidents-api';
import { FormAlert } from '../../components/FormAlert';
import { PersonCombobox } from '../people/PersonCombobox';
import type { AffectedPerson } from '../people/PersonCombobox';
import { useUpdateIncidentMutation } from './queries';

type MatchPersonSectionProps = { incident: Incident; canEdit: boolean };

/**
 * A pupil or member of staff named while offline is not yet the school's record of them: their
 * family's contacts, their year group and their other incidents are out of reach until someone
 * picks the directory entry it is.
 */
export function MatchPersonSection({ incident, canEdit }: MatchPersonSectionProps) {
  const update = useUpdateIncidentMutation(incident.id);
  const [picked, setPicked] = useState<AffectedPerson | null>(null);
  const { person } = incident;
  const kind = person.kind === 'staff' ? 'member of staff' : 'pupil';

  const handleChange = (value: AffectedPerson | null) => {
    if (value?.kind !== 'directory') {
      setPicked(value);
      return;
    }
    setPicked(value);
    update.mutate(
      { version: incident.version, person: { kind: 'directory', personId: value.person.id } },
      { onError: () => setPicked(null) },
    );
  };

  return (
    <section className="alert alert--warning" aria-labelledby="match-person-title">
      <h2 id="match-person-title" className="alert__title">
        {person.name} is not yet matched to the school’s records
      </h2>
      <p>
        They were named while the records could not be searched. Until you choose the {kind} it is,
        Plaster cannot show their family’s contacts or count this incident with their others.
      </p>
      {canEdit ? (
        <>
          <FormAlert error={update.error} />
          <PersonCombobox
            label={`Find the ${kind}`}
            hint="Check the school and year group before you choose."
            value={picked}
            onChange={handleChange}
            schoolId={incident.school.id}
            personType={person.kind === 'staff' ? 'staff' : 'pupil'}
            initialQuery={person.name}
            allowsManual={false}
          />
          {update.isPending && <p role="status">Saving…</p>}
        </>
      ) : (
        <p>Ask whoever logged it, or a manager, to match them.</p>
      )}
    </section>
  );
}
