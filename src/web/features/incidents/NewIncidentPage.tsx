import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { noticeState } from '../../app/notice';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../auth/session';
import { incidentTitle } from './describe';
import { blankValues, toCreateInput } from './form-values';
import type { IncidentFormValues } from './form-values';
import { IncidentForm } from './IncidentForm';
import { useCanLogIncidents } from './permissions';
import { useCreateIncidentMutation } from './queries';

export function NewIncidentPage() {
  const { schools } = useSession();
  const canLog = useCanLogIncidents();
  const navigate = useNavigate();
  const createIncident = useCreateIncidentMutation();
  // Opened now: the form starts at this minute.
  const [initialValues] = useState(() => blankValues(schools[0]?.id ?? ''));

  const handleSubmit = (values: IncidentFormValues) => {
    createIncident.mutate(toCreateInput(values), {
      onSuccess: (incident) =>
        void navigate(`/incidents/${incident.id}`, {
          state: noticeState(`${incidentTitle(incident)} has been logged.`),
        }),
    });
  };

  return (
    <>
      <PageHeader
        title="Log an incident"
        description="Record it while it is fresh. Questions marked optional can wait."
        back={<Link to="/incidents">All incidents</Link>}
      />
      {!canLog ? (
        <p>Your role lets you read incidents but not log them. Ask a manager if you need to.</p>
      ) : schools.length === 0 ? (
        <div className="empty">
          <p>You have not been given access to any school yet. Ask an administrator.</p>
        </div>
      ) : (
        <IncidentForm
          mode="create"
          initialValues={initialValues}
          schools={schools}
          submitLabel="Log incident"
          isPending={createIncident.isPending}
          error={createIncident.error}
          cancelTo="/incidents"
          onSubmit={handleSubmit}
        />
      )}
    </>
  );
}
