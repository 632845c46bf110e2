import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Incident } from '../../../shared/incidents-api';
import { isNotFound } from '../../app/api';
import { noticeState } from '../../app/notice';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../auth/session';
import { useRetryAfterSignIn } from '../auth/use-retry-after-sign-in';
import { ConflictAlert } from './ConflictAlert';
import { incidentTitle } from './describe';
import { DraftOffer } from './DraftOffer';
import { deleteDraft, readDraft } from './drafts';
import type { Draft } from './drafts';
import { isConflict } from './form-errors';
import { hasChanges, toUpdateInput, valuesFromIncident } from './form-values';
import type { IncidentFormValues } from './form-values';
import { IncidentForm } from './IncidentForm';
import type { IncidentDraft } from './IncidentForm';
import { canEditIncident } from './permissions';
import { useIncidentQuery, useUpdateIncidentMutation } from './queries';

export function EditIncidentPage() {
  const incidentId = useParams().incidentId ?? '';
  const incident = useIncidentQuery(incidentId);
  const backTo = `/incidents/${incidentId}`;

  return (
    <>
      <PageHeader
        title={
          incident.data ? `Edit ${incidentTitle(incident.data).toLowerCase()}` : 'Edit incident'
        }
        back={<Link to={backTo}>Back to the incident</Link>}
      />
      {incident.isPending && <Loading />}
      {incident.isError &&
        (isNotFound(incident.error) ? (
          <NotFoundMessage what="incident" backTo="/incidents" backLabel="Go to all incidents" />
        ) : (
          <QueryError error={incident.error} onRetry={() => void incident.refetch()} />
        ))}
      {incident.data && (
        <EditForm incident={incident.data} onReload={async () => (await incident.refetch()).data} />
      )}
    </>
  );
}

type EditFormProps = { incident: Incident; onReload: () => Promise<Incident | undefined> };

function EditForm({ incident, onReload }: EditFormProps) {
  const session = useSession();
  const navigate = useNavigate();
  const update = useUpdateIncidentMutation(incident.id);
  // The form starts from the version it was opened at; a reload starts it again.
  const [opened, setOpened] = useState(() => ({
    version: incident.version,
    values: valuesFromIncident(incident),
    shown: null as IncidentFormValues | null,
    isReloaded: false,
  }));
  const backTo = `/incidents/${incident.id}`;
  const formId = `incident:edit:${incident.id}`;
  const [offer, setOffer] = useState<Draft<IncidentDraft> | null | 'loading'>('loading');

  useEffect(() => {
    let isCurrent = true;
    void readDraft<IncidentDraft>(session.user.id, formId)
      .catch(() => null)
      .then((draft) => isCurrent && setOffer(draft?.data.base ? draft : null));
    return () => {
      isCurrent = false;
    };
  }, [session.user.id, formId]);

  // An ended session: once they sign in again over the form, the same changes are saved.
  useRetryAfterSignIn(update.error, () => {
    if (update.variables) update.mutate(update.variables, { onSuccess: afterSaving });
  });

  if (!canEditIncident(session, incident)) {
    return (
      <p>
        {incident.status === 'closed'
          ? 'This incident is closed. A manager can reopen it if it needs changing.'
          : 'You can read this incident but not change it.'}{' '}
        <Link to={backTo}>Back to the incident</Link>
      </p>
    );
  }

  const handleSubmit = (values: IncidentFormValues) => {
    const input = toUpdateInput(opened.values, values, opened.version);
    if (!hasChanges(input)) {
      void navigate(backTo, { state: noticeState('Nothing was changed.') });
      return;
    }
    update.mutate(input, { onSuccess: afterSaving });
  };

  function afterSaving() {
    void deleteDraft(session.user.id, formId).finally(
      () => void navigate(backTo, { state: noticeState('Changes saved.') }),
    );
  }

  const handleReload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    update.reset();
    setOpened({
      version: fresh.version,
      values: valuesFromIncident(fresh),
      shown: null,
      isReloaded: true,
    });
  };

  if (offer === 'loading') return <Loading />;
  if (offer) {
    const base = offer.data.base;
    return (
      <DraftOffer
        title="You have changes to this incident you did not save"
        restoreLabel="Carry on with them"
        discardLabel="Delete them"
        onRestore={() => {
          if (base) setOpened({ ...base, shown: offer.data.values, isReloaded: false });
          setOffer(null);
        }}
        onDiscard={() => {
          void deleteDraft(session.user.id, formId);
          setOffer(null);
        }}
      >
        Made <DateTime value={new Date(offer.savedAt).toISOString()} />. They are kept on this
        device for 24 hours.
      </DraftOffer>
    );
  }

  return (
    <>
      {opened.isReloaded && (
        <div className="alert alert--success" role="status">
          <p className="alert__title">
            This is the incident as it is now, with the other changes. Make yours again and save.
          </p>
        </div>
      )}
      <IncidentForm
        key={opened.version}
        mode="edit"
        initialValues={opened.shown ?? opened.values}
        baseline={opened.values}
        draft={{ formId, base: { version: opened.version, values: opened.values } }}
        schools={session.schools}
        submitLabel="Save changes"
        isPending={update.isPending}
        error={update.error}
        banner={isConflict(update.error) ? <ConflictAlert onReload={handleReload} /> : undefined}
        cancelTo={backTo}
        onSubmit={handleSubmit}
      />
    </>
  );
}
