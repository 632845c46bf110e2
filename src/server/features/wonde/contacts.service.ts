import type { Contact, ContactsResponse } from '../../../shared/notifications-api';
import { AppError, notFound } from '../../lib/errors';
import type { Scope } from '../../access/scope';
import { firstText } from '../../lib/text';
import { findPersonInScope } from '../people/people.service';
import { accessOf } from './sync.service';
import { WondeError } from './wonde-client';
import { findConnection } from './wonde.repo';
import type { Deps } from '../../deps';

/** Parental responsibility first, then unknown, then none; each by priority (unrecorded last). */
function byResponsibilityThenPriority(a: Contact, b: Contact): number {
  const rank = (c: Contact) =>
    c.parentalResponsibility === true ? 0 : c.parentalResponsibility === null ? 1 : 2;
  const priority = (c: Contact) => c.priority ?? Number.MAX_SAFE_INTEGER;
  return rank(a) - rank(b) || priority(a) - priority(b) || a.name.localeCompare(b.name);
}

/**
 * Who to tell about a person, read live from Wonde each time and never written anywhere:
 * a pupil's contacts or a member of staff's next of kin.
 */
export async function getContacts(
  deps: Pick<Deps, 'db' | 'wonde'>,
  scope: Scope,
  personId: string,
): Promise<ContactsResponse> {
  const person = await findPersonInScope(deps.db, scope, personId);
  if (!person) throw notFound('Person');
  const connection = await findConnection(deps.db, scope, person.schoolId);
  if (!connection || connection.state !== 'approved' || !deps.wonde.client) {
    throw new AppError(
      'conflict',
      'This school is not connected to Wonde, so contacts cannot be shown.',
    );
  }
  const client = deps.wonde.client;
  try {
    const access = accessOf(deps, connection);
    if (person.type === 'pupil') {
      const contacts = await client.getStudentContacts(access, person.wondeId);
      return {
        personType: 'pupil',
        contacts: contacts
          .map((c): Contact => {
            const details = c.contact_details?.data;
            const raw = c.relationship?.priority;
            const priority = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
            return {
              id: c.id,
              name: [c.forename, c.surname].filter(Boolean).join(' ') || 'Name not recorded',
              relationship: c.relationship?.relationship ?? null,
              parentalResponsibility: c.relationship?.parental_responsibility ?? null,
              priority: Number.isFinite(priority) ? priority : null,
              livesWithPupil: c.relationship?.lives_with_pupil ?? null,
              email: firstText(
                details?.emails?.email,
                details?.emails?.primary,
                details?.emails?.home,
                details?.emails?.work,
              ),
              phone: firstText(
                details?.phones?.mobile,
                details?.phones?.primary,
                details?.phones?.phone,
                details?.phones?.home,
                details?.phones?.work,
              ),
            };
          })
          .sort(byResponsibilityThenPriority),
      };
    }
    const kin = await client.getEmployeeNextOfKin(access, person.wondeId);
    return {
      personType: 'staff',
      contacts: kin.map((k) => ({
        id: String(k.id),
        name: k.name?.trim() || 'Name not recorded',
        relationship: null,
        parentalResponsibility: null,
        priority: null,
        livesWithPupil: null,
        email: firstText(k.email_primary, k.email_home, k.email_work),
        phone: firstText(
          k.telephone_mobile,
          k.telephone_primary,
          k.telephone_home,
          k.telephone_work,
        ),
      })),
    };
  } catch (error) {
    if (error instanceof WondeError) {
      if (error.kind === 'not_found')
        throw new AppError('not_found', 'Wonde no longer has this person.');
      throw new AppError(
        'upstream_failed',
        'Contacts could not be fetched from Wonde just now. Try again in a minute.',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
