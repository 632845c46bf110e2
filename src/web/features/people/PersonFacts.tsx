import { Fragment } from 'react';
import type { PersonSearchResult } from '../../../shared/people-api';
import { incidentsLabel, personTypeLabels, roleOrYear } from './describe';

type PersonFactsProps = { person: PersonSearchResult };

/**
 * "Pupil · Year 7 · Oakfield Primary School", then Left, the incident count and the repeat flag
 * when they apply.
 */
export function PersonFacts({ person }: PersonFactsProps) {
  const facts = [personTypeLabels[person.type], roleOrYear(person), person.schoolName].filter(
    (fact): fact is string => Boolean(fact),
  );
  return (
    <>
      {facts.map((fact, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <>
              <span aria-hidden="true"> · </span>
              <span className="visually-hidden">, </span>
            </>
          )}
          <span>{fact}</span>
        </Fragment>
      ))}
      {person.status === 'left' && (
        <>
          <span className="visually-hidden">, </span>{' '}
          <span className="badge badge--warning">Left</span>
        </>
      )}
      {person.incidentCount > 0 && (
        <>
          <span className="visually-hidden">, </span>{' '}
          <span className="badge badge--muted">{incidentsLabel(person.incidentCount)}</span>
        </>
      )}
      {person.repeat && (
        <>
          <span className="visually-hidden">, </span>{' '}
          <span className="badge badge--danger">Repeat incidents</span>
        </>
      )}
    </>
  );
}
