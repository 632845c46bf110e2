import { useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import type { School } from '../../../shared/api';
import { InvalidInputError } from '../../app/api';
import { FormAlert } from '../../components/FormAlert';
import { LeaveGuard } from '../../components/LeaveGuard';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { useSession } from '../auth/session';
import { useLocationsQuery } from '../locations/queries';
import { PersonCombobox } from '../people/PersonCombobox';
import {
  categories,
  categoryHints,
  categoryLabels,
  outcomeLabels,
  outcomes,
  personDetail,
  personKindLabels,
} from './describe';
import { FollowUpRows } from './FollowUpRows';
import { errorFor, forSummary, problemsByPath } from './form-errors';
import { hasHeadBodyPart, OTHER_PLACE, personKindOf, problemsOf } from './form-values';
import type { IncidentFormValues, InjuryRow, PersonValue, RecordedPerson } from './form-values';
import { InjuryRows } from './InjuryRows';
import { RiddorQuestions } from './RiddorQuestions';
import { useDraftAutosave } from './use-draft-autosave';

/** What is kept on the device while a form is being filled in. */
export type IncidentDraft = {
  values: IncidentFormValues;
  /** A new incident's key, so sending a restored draft again never makes a second incident. */
  idempotencyKey?: string;
  /** An edit's starting point: the version and values the changes are made against. */
  base?: { version: number; values: IncidentFormValues };
};

type IncidentFormProps = {
  mode: 'create' | 'edit';
  initialValues: IncidentFormValues;
  /** What counts as unchanged (a restored draft starts changed); the initial values if left out. */
  baseline?: IncidentFormValues | undefined;
  /** Which form this is on the device, and what its draft keeps beside the values. */
  draft: { formId: string } & Omit<IncidentDraft, 'values'>;
  /** The schools an incident can be logged at; in an edit the school stays as it is. */
  schools: School[];
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  /** Shown above the form instead of the error summary (a conflict with someone else's save). */
  banner?: ReactNode;
  cancelTo: string;
  onSubmit: (values: IncidentFormValues) => void;
};

const categoryOptions = categories.map((category) => ({
  value: category,
  label: categoryLabels[category],
  hint: categoryHints[category],
}));
const outcomeOptions = outcomes.map((outcome) => ({
  value: outcome,
  label: outcomeLabels[outcome],
}));
const yesNoOptions = [
  { value: 'yes' as const, label: 'Yes' },
  { value: 'no' as const, label: 'No' },
];

const riddorPaths = /^riddor\./;

/** Logging an incident, or editing one: the same questions in the same order. */
export function IncidentForm({
  mode,
  initialValues,
  baseline = initialValues,
  draft,
  schools,
  submitLabel,
  isPending,
  error,
  banner,
  cancelTo,
  onSubmit,
}: IncidentFormProps) {
  const id = useId();
  const { user } = useSession();
  const [values, setValues] = useState(initialValues);
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [isRiddorOpen, setIsRiddorOpen] = useState(false);
  const shownError = clientError ?? error;
  const problems = problemsByPath(shownError);
  const isEdit = mode === 'edit';
  const choosesSchool = !isEdit && schools.length > 1;
  const isDirty = useMemo(
    () => JSON.stringify(values) !== JSON.stringify(baseline),
    [values, baseline],
  );
  const { formId, ...draftContext } = draft;
  const draftData = useMemo<IncidentDraft>(
    () => ({ values, ...draftContext }),
    // The context is fixed for the life of the form: a new one comes with a new form (key).
    [values],
  );
  useDraftAutosave(user.id, formId, draftData, isDirty);

  const locations = useLocationsQuery(values.schoolId);
  const places = (locations.data ?? []).filter(
    (location) => !location.archived || location.id === values.place,
  );
  const schoolName =
    schools.find((school) => school.id === values.schoolId)?.name ?? initialValues.schoolId;
  const personKind = personKindOf(values.person);
  const showHeadInjury = values.headInjury || hasHeadBodyPart(values.injuries);

  const set = <K extends keyof IncidentFormValues>(key: K, value: IncidentFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const setSchool = (schoolId: string) =>
    setValues((current) => ({
      ...current,
      schoolId,
      place: '',
      locationDetail: '',
      // A pupil or member of staff belongs to one school; someone entered by hand does not.
      person: current.person?.kind === 'manual' ? current.person : null,
    }));

  // A pupil or member of staff found across the user's schools brings their school with them.
  const setPerson = (person: PersonValue) =>
    setValues((current) => {
      const schoolId = person?.kind === 'directory' ? person.person.schoolId : current.schoolId;
      if (schoolId === current.schoolId) return { ...current, person };
      return { ...current, person, schoolId, place: '', locationDetail: '' };
    });

  const setInjuries = (injuries: InjuryRow[]) =>
    setValues((current) => {
      // A head or face injury is a head injury until someone says otherwise.
      const becameHead = !hasHeadBodyPart(current.injuries) && hasHeadBodyPart(injuries);
      return { ...current, injuries, headInjury: becameHead ? true : current.headInjury };
    });

  const setFirstAid = (firstAidGiven: IncidentFormValues['firstAidGiven']) =>
    setValues((current) => ({
      ...current,
      firstAidGiven,
      firstAidBy:
        firstAidGiven === 'yes' && !current.firstAidBy.trim() ? user.name : current.firstAidBy,
    }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = problemsOf(values);
    if (found.length > 0) {
      setClientError(new InvalidInputError(found));
      if (found.some((problem) => riddorPaths.test(problem.path))) setIsRiddorOpen(true);
      return;
    }
    setClientError(null);
    onSubmit(values);
  };

  const hasRiddorProblem = [...problems.keys()].some((path) => riddorPaths.test(path));

  return (
    <>
      <LeaveGuard
        when={isDirty}
        message="A draft stays on this device for 24 hours, and you can carry on from it."
      />
      {banner ?? <FormAlert error={forSummary(shownError)} />}
      <form onSubmit={handleSubmit} noValidate className="form incident-form">
        <section className="form-section" aria-labelledby={`${id}-who`}>
          <h2 id={`${id}-who`} className="form-section__title">
            Who and where
          </h2>
          {values.person?.kind === 'recorded' ? (
            <RecordedPersonField
              value={values.person}
              onChange={() => set('person', null)}
              error={errorFor(problems, 'person')}
            />
          ) : (
            <PersonCombobox
              label="Affected person"
              value={values.person}
              onChange={setPerson}
              // Someone with several schools finds the person first; their school follows.
              schoolId={choosesSchool ? undefined : values.schoolId || undefined}
              error={errorFor(problems, 'person')}
              allowsUnmatched
            />
          )}

          {!choosesSchool ? (
            <p className="form-section__fact">
              <span className="field__label">School</span> {schoolName}
            </p>
          ) : (
            <SelectField
              label="School"
              className="field--medium"
              value={values.schoolId}
              onChange={(event) => setSchool(event.target.value)}
              error={errorFor(problems, 'schoolId')}
            >
              {schools.map((school) => (
                <option key={school.id} value={school.id}>
                  {school.name}
                </option>
              ))}
            </SelectField>
          )}

          <div className="field-row">
            <TextField
              label="Date"
              type="date"
              className="field--date"
              required
              value={values.date}
              onChange={(event) => set('date', event.target.value)}
              error={errorFor(problems, 'date', 'occurredAt')}
            />
            <TextField
              label="Time"
              type="time"
              className="field--time"
              required
              value={values.time}
              onChange={(event) => set('time', event.target.value)}
              error={errorFor(problems, 'time')}
            />
          </div>

          <SelectField
            label="Where did it happen?"
            className="field--medium"
            value={values.place}
            onChange={(event) => set('place', event.target.value)}
            error={errorFor(problems, 'locationId')}
            hint={locations.isError ? 'The school’s places could not be loaded.' : undefined}
          >
            <option value="">{locations.isPending ? 'Loading places…' : 'Choose a place'}</option>
            {places.map((location) => (
              <option key={location.id} value={location.id}>
                {location.archived ? `${location.name} (no longer used)` : location.name}
              </option>
            ))}
            <option value={OTHER_PLACE}>Somewhere else</option>
          </SelectField>
          {values.place === OTHER_PLACE && (
            <TextField
              label="Describe the place"
              autoComplete="off"
              className="field--medium"
              value={values.locationDetail}
              onChange={(event) => set('locationDetail', event.target.value)}
              error={errorFor(problems, 'locationDetail')}
            />
          )}
          {values.place !== OTHER_PLACE && values.place !== '' && (
            <TextField
              label="Where exactly? (optional)"
              hint="For example: by the climbing frame."
              autoComplete="off"
              className="field--medium"
              value={values.locationDetail}
              onChange={(event) => set('locationDetail', event.target.value)}
              error={errorFor(problems, 'locationDetail')}
            />
          )}
        </section>

        <section className="form-section" aria-labelledby={`${id}-what`}>
          <h2 id={`${id}-what`} className="form-section__title">
            What happened
          </h2>
          <RadioGroup
            legend="Kind of incident"
            name="category"
            layout="cards"
            options={categoryOptions}
            value={values.category}
            onChange={(category) => set('category', category)}
            error={errorFor(problems, 'category')}
          />
          <TextAreaField
            label="What happened?"
            hint="What they were doing, what happened and why, if known."
            rows={5}
            className="field--wide"
            value={values.description}
            onChange={(event) => set('description', event.target.value)}
            error={errorFor(problems, 'description')}
          />
        </section>

        <section className="form-section" aria-labelledby={`${id}-injuries`}>
          <h2 id={`${id}-injuries`} className="form-section__title">
            Injuries
          </h2>
          {problems.get('injuries') && <p className="field__error">{problems.get('injuries')}</p>}
          <InjuryRows rows={values.injuries} onChange={setInjuries} problems={problems} />
          {showHeadInjury && (
            <div className="head-injury">
              <div className="choice">
                <input
                  type="checkbox"
                  id={`${id}-head`}
                  checked={values.headInjury}
                  onChange={(event) => set('headInjury', event.target.checked)}
                  aria-describedby={`${id}-head-hint`}
                />
                <label htmlFor={`${id}-head`} className="choice__label head-injury__label">
                  Head injury
                </label>
                <p id={`${id}-head-hint`} className="choice__hint head-injury__hint">
                  Tell their parents or carers today, and watch for warning signs over the next 24
                  hours.
                </p>
              </div>
            </div>
          )}
        </section>

        <section className="form-section" aria-labelledby={`${id}-aid`}>
          <h2 id={`${id}-aid`} className="form-section__title">
            First aid and afterwards
          </h2>
          <RadioGroup
            legend="Was first aid given?"
            name="firstAidGiven"
            layout="inline"
            options={yesNoOptions}
            value={values.firstAidGiven}
            onChange={setFirstAid}
            error={errorFor(problems, 'firstAidGiven')}
          />
          {values.firstAidGiven === 'yes' && (
            <div className="nested-fields">
              <TextField
                label="Given by"
                autoComplete="off"
                className="field--medium"
                value={values.firstAidBy}
                onChange={(event) => set('firstAidBy', event.target.value)}
                error={errorFor(problems, 'firstAidBy')}
              />
              <TextAreaField
                label="First aid given"
                hint="For example: cleaned and dressed, cold compress."
                rows={3}
                className="field--wide"
                value={values.firstAidDetails}
                onChange={(event) => set('firstAidDetails', event.target.value)}
                error={errorFor(problems, 'firstAidDetails')}
              />
            </div>
          )}
          <RadioGroup
            legend="What happened afterwards?"
            name="outcome"
            options={outcomeOptions}
            value={values.outcome}
            onChange={(outcome) => set('outcome', outcome)}
            error={errorFor(problems, 'outcome')}
          />
        </section>

        <section className="form-section" aria-labelledby={`${id}-actions`}>
          <h2 id={`${id}-actions`} className="form-section__title">
            Witnesses and actions
          </h2>
          <TextAreaField
            label="Witnesses (optional)"
            hint="Names of anyone who saw it happen."
            rows={2}
            className="field--wide"
            value={values.witnesses}
            onChange={(event) => set('witnesses', event.target.value)}
            error={errorFor(problems, 'witnesses')}
          />
          <TextAreaField
            label="Immediate actions (optional)"
            hint="What was done straight away to make things safe, such as closing off an area."
            rows={2}
            className="field--wide"
            value={values.immediateActions}
            onChange={(event) => set('immediateActions', event.target.value)}
            error={errorFor(problems, 'immediateActions')}
          />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Follow-up actions</legend>
            {problems.get('followUpActions') && (
              <p className="field__error">{problems.get('followUpActions')}</p>
            )}
            <FollowUpRows
              rows={values.followUpActions}
              onChange={(rows) => set('followUpActions', rows)}
              problems={problems}
              canMarkDone={isEdit}
            />
          </fieldset>
        </section>

        <RiddorQuestions
          personKind={personKind}
          values={values.riddor}
          onChange={(riddor) => set('riddor', riddor)}
          problems={problems}
          isOpen={isRiddorOpen || hasRiddorProblem}
          onToggle={setIsRiddorOpen}
        />

        <div className="form__actions">
          <button type="submit" className="button button--large" disabled={isPending}>
            {isPending ? 'Saving…' : submitLabel}
          </button>
          <Link to={cancelTo} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

type RecordedPersonFieldProps = {
  value: RecordedPerson;
  onChange: () => void;
  error: string | undefined;
};

/** The pupil or member of staff already on the incident, with a way to choose someone else. */
function RecordedPersonField({ value, onChange, error }: RecordedPersonFieldProps) {
  const id = useId();
  const detail = personDetail(value.person);
  return (
    <div
      className={error ? 'field person-field field--invalid' : 'field person-field'}
      role="group"
      aria-labelledby={`${id}-label`}
    >
      <p id={`${id}-label`} className="field__label">
        Affected person
      </p>
      {error && <p className="field__error">{error}</p>}
      <div className="person-chosen">
        <div id={`${id}-summary`} className="person-chosen__summary">
          <p className="person-chosen__name">{value.person.name}</p>
          <p className="person-chosen__facts">
            {[personKindLabels[value.person.kind], detail].filter(Boolean).join(' · ')}
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-describedby={`${id}-summary`}
          onClick={onChange}
        >
          Change
        </button>
      </div>
    </div>
  );
}
