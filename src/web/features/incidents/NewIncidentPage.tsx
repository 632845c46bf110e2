import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CreateIncidentInput } from '../../../shared/incidents-api';
import { NetworkError } from '../../app/api';
import { newIdempotencyKey } from '../../app/idempotency';
import { noticeState } from '../../app/notice';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../auth/session';
import { useRetryAfterSignIn } from '../auth/use-retry-after-sign-in';
import { incidentTitle } from './describe';
import { DraftOffer } from './DraftOffer';
import { deleteDraft, NEW_INCIDENT_FORM, readDraft } from './drafts';
import type { Draft } from './drafts';
import { blankValues, toCreateInput } from './form-values';
import type { IncidentFormValues } from './form-values';
import { IncidentForm } from './IncidentForm';
import type { IncidentDraft } from './IncidentForm';
import { addToOutbox } from './outbox';
import { useOutbox } from './OutboxProvider';
import { useCanLogIncidents } from './permissions';
import { useCreateIncidentMutation } from './queries';
import { RecentOwnIncidents } from './RecentOwnIncidents';

type Start =
  | { step: 'loading' }
  | { step: 'offer'; draft: Draft<IncidentDraft> }
  | { step: 'form'; values: IncidentFormValues; baseline: IncidentFormValues; key: string }
  | { step: 'queued'; personName: string; key: string };

export function NewIncidentPage() {
  const { schools, user } = useSession();
  const canLog = useCanLogIncidents();
  const navigate = useNavigate();
  const createIncident = useCreateIncidentMutation();
  const { items } = useOutbox();
  const [start, setStart] = useState<Start>({ step: 'loading' });
  const [lastSent, setLastSent] = useState<{
    input: CreateIncidentInput;
    values: IncidentFormValues;
    key: string;
  } | null>(null);

  const startBlank = () => {
    // Opened now: the form starts at this minute.
    const values = blankValues(schools[0]?.id ?? '');
    createIncident.reset();
    setStart({ step: 'form', values, baseline: values, key: newIdempotencyKey() });
  };

  useEffect(() => {
    let isCurrent = true;
    void readDraft<IncidentDraft>(user.id, NEW_INCIDENT_FORM)
      .catch(() => null)
      .then((draft) => {
        if (!isCurrent) return;
        if (draft) setStart({ step: 'offer', draft });
        else startBlank();
      });
    return () => {
      isCurrent = false;
    };
    // Once, when the page opens.
  }, []);

  const restore = (draft: Draft<IncidentDraft>) =>
    setStart({
      step: 'form',
      values: draft.data.values,
      baseline: blankValues(draft.data.values.schoolId),
      key: draft.data.idempotencyKey ?? newIdempotencyKey(),
    });

  const discard = async () => {
    await deleteDraft(user.id, NEW_INCIDENT_FORM);
    startBlank();
  };

  // Kept on the device and sent when the connection returns; the draft is then no longer needed.
  const keepForLater = async (
    input: CreateIncidentInput,
    values: IncidentFormValues,
    key: string,
  ) => {
    const personName = 'name' in input.person ? input.person.name : personNameOf(values);
    await addToOutbox({ key, userId: user.id, input, values, personName, queuedAt: Date.now() });
    await deleteDraft(user.id, NEW_INCIDENT_FORM);
    createIncident.reset();
    setStart({ step: 'queued', personName, key });
  };

  const send = (input: CreateIncidentInput, values: IncidentFormValues, key: string) => {
    setLastSent({ input, values, key });
    if (!navigator.onLine) {
      void keepForLater(input, values, key);
      return;
    }
    createIncident.mutate(
      { input, idempotencyKey: key },
      {
        onSuccess: (incident) => {
          void deleteDraft(user.id, NEW_INCIDENT_FORM).finally(
            () =>
              void navigate(`/incidents/${incident.id}`, {
                state: noticeState(`${incidentTitle(incident)} has been logged.`),
              }),
          );
        },
        onError: (error) => {
          if (error instanceof NetworkError) void keepForLater(input, values, key);
        },
      },
    );
  };

  // An ended session: once they sign in again over the form, the same incident goes through.
  useRetryAfterSignIn(createIncident.error, () => {
    if (lastSent) send(lastSent.input, lastSent.values, lastSent.key);
  });

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
      ) : start.step === 'loading' ? (
        <Loading />
      ) : start.step === 'offer' ? (
        <DraftOffer
          title="You have an incident you did not finish"
          restoreLabel="Carry on with it"
          discardLabel="Delete it and start again"
          onRestore={() => restore(start.draft)}
          onDiscard={() => void discard()}
        >
          Started <DateTime value={new Date(start.draft.savedAt).toISOString()} />
          {start.draft.data.values.person ? ` for ${personNameOf(start.draft.data.values)}` : ''}.
          It is kept on this device for 24 hours.
        </DraftOffer>
      ) : start.step === 'queued' ? (
        <div className="alert alert--success" role="status">
          {items.some((item) => item.key === start.key) ? (
            <>
              <p className="alert__title">
                The incident for {start.personName} is saved on this device and will be sent when
                the connection returns.
              </p>
              <p>
                <Link to="/incidents/waiting">See what is waiting</Link>
              </p>
            </>
          ) : (
            <p className="alert__title">The incident for {start.personName} has been sent.</p>
          )}
          <button type="button" className="button" onClick={startBlank}>
            Log another incident
          </button>
        </div>
      ) : (
        <IncidentForm
          key={start.key}
          mode="create"
          initialValues={start.values}
          baseline={start.baseline}
          draft={{ formId: NEW_INCIDENT_FORM, idempotencyKey: start.key }}
          schools={schools}
          submitLabel="Log incident"
          isPending={createIncident.isPending}
          error={createIncident.error instanceof NetworkError ? null : createIncident.error}
          cancelTo="/incidents"
          onSubmit={(values) => send(toCreateInput(values), values, start.key)}
        />
      )}
      {canLog && <RecentOwnIncidents userId={user.id} />}
    </>
  );
}

function personNameOf(values: IncidentFormValues): string {
  const person = values.person;
  if (!person) return 'someone';
  if (person.kind === 'directory') return `${person.person.firstName} ${person.person.lastName}`;
  if (person.kind === 'recorded') return person.person.name;
  return person.name;
}
