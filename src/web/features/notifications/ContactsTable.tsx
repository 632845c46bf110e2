import { useId } from 'react';
import type { ContactsResponse } from '../../../shared/notifications-api';
import { parentalResponsibilityLabel } from './describe';

type ContactsTableProps = {
  response: ContactsResponse;
  chosen: ReadonlySet<string>;
  onToggle: (contactId: string, isChosen: boolean) => void;
  disabled: boolean;
};

const notRecorded = <span className="muted">Not recorded</span>;

/**
 * A pupil's contacts (parental responsibility first, then by priority) or a member of staff's
 * next of kin, each with a box to choose them for the email. Nobody is chosen for the user.
 */
export function ContactsTable({ response, chosen, onToggle, disabled }: ContactsTableProps) {
  const id = useId();
  const isPupil = response.personType === 'pupil';
  return (
    <div className="table-wrap table-wrap--flat">
      <table className="table table--stack contacts-table">
        <caption className="visually-hidden">
          {isPupil ? 'Contacts, parental responsibility first, then by priority' : 'Next of kin'}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Choose</span>
            </th>
            <th scope="col">Name</th>
            {isPupil && (
              <>
                <th scope="col">Relationship</th>
                <th scope="col">Parental responsibility</th>
                <th scope="col">Priority</th>
              </>
            )}
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
          </tr>
        </thead>
        <tbody>
          {response.contacts.map((contact, index) => {
            const boxId = `${id}-${index}`;
            const reasonId = `${boxId}-reason`;
            const responsibility = parentalResponsibilityLabel(contact.parentalResponsibility);
            return (
              <tr key={contact.id}>
                <td className="contacts-table__choose">
                  <input
                    type="checkbox"
                    id={boxId}
                    checked={chosen.has(contact.id)}
                    disabled={disabled || !contact.email}
                    aria-describedby={contact.email ? undefined : reasonId}
                    onChange={(event) => onToggle(contact.id, event.target.checked)}
                  />
                </td>
                <th scope="row">
                  <label htmlFor={boxId} className="contacts-table__name">
                    {contact.name}
                  </label>
                </th>
                {isPupil && (
                  <>
                    <td data-label="Relationship">{contact.relationship ?? notRecorded}</td>
                    <td data-label="Parental responsibility">
                      <span
                        className={
                          contact.parentalResponsibility === true
                            ? 'badge badge--success'
                            : 'badge badge--muted'
                        }
                      >
                        {responsibility}
                      </span>
                    </td>
                    <td data-label="Priority">{contact.priority ?? notRecorded}</td>
                  </>
                )}
                <td data-label="Email" className="contacts-table__email">
                  {contact.email ?? (
                    <span id={reasonId} className="muted">
                      No email address in the MIS, so this contact cannot be emailed. Ring instead.
                    </span>
                  )}
                </td>
                <td data-label="Phone" className="nowrap">
                  {contact.phone ? (
                    <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
                      <span className="visually-hidden">Ring {contact.name} on </span>
                      {contact.phone}
                    </a>
                  ) : (
                    notRecorded
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
