import type { Db } from '../../db/client';
import { countIncidentsByPerson } from './incident-counts.repo';

export function incidentCountsOf(db: Db, organisationId: string, personIds: string[]) {
  return countIncidentsByPerson(db, organisationId, personIds);
}
