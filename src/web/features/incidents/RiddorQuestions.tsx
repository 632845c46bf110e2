import { RadioGroup } from '../../components/RadioGroup';
import type { RadioOption } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { specifiedInjuries, specifiedInjuryLabels } from './describe';
import type { PersonKind, SpecifiedInjury } from './describe';
import { errorFor } from './form-errors';
import type { RiddorValues, YesNoUnknown } from './form-values';

const yesNoUnknown: RadioOption<Exclude<YesNoUnknown, ''>>[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Not known yet' },
];

type RiddorQuestionsProps = {
  personKind: PersonKind | null;
  values: RiddorValues;
  onChange: (values: RiddorValues) => void;
  problems: Map<string, string>;
  isOpen: boolean;
  onToggle: (isOpen: boolean) => void;
};

/**
 * The questions that decide whether the incident must be reported to the HSE under RIDDOR:
 * for staff, a specified injury or more than seven days off; for pupils and everyone else, an
 * accident arising from the school's work that sent them straight to hospital.
 */
export function RiddorQuestions({
  personKind,
  values,
  onChange,
  problems,
  isOpen,
  onToggle,
}: RiddorQuestionsProps) {
  const set = (change: Partial<RiddorValues>) => onChange({ ...values, ...change });
  const isStaff = personKind === 'staff';

  return (
    <details
      className="riddor-questions"
      open={isOpen}
      onToggle={(event) => onToggle(event.currentTarget.open)}
    >
      <summary className="riddor-questions__summary">
        RIDDOR <span className="muted">(reporting to the HSE)</span>
      </summary>
      <div className="riddor-questions__body">
        <p className="field__hint">
          Most incidents at school are not reportable. Answer what you know; a manager makes the
          decision, and Plaster suggests one from these answers.
        </p>
        {personKind === null && (
          <p className="muted">Choose the person affected to see the questions for them.</p>
        )}
        {personKind !== null && isStaff && (
          <>
            <SelectField
              label="Was it one of these injuries?"
              className="field--wide"
              value={values.specifiedInjury}
              onChange={(event) =>
                set({ specifiedInjury: event.target.value as SpecifiedInjury | '' })
              }
              error={errorFor(problems, 'riddor.specifiedInjury')}
            >
              <option value="">None of these, or not known</option>
              {specifiedInjuries.map((injury) => (
                <option key={injury} value={injury}>
                  {specifiedInjuryLabels[injury]}
                </option>
              ))}
            </SelectField>
            <TextField
              label="First day they were away or could not do their normal work"
              hint="Leave empty if they have not been. The day of the accident does not count."
              type="date"
              className="field--medium"
              value={values.incapacityStartDate}
              onChange={(event) => set({ incapacityStartDate: event.target.value })}
              error={errorFor(problems, 'riddor.incapacityStartDate')}
            />
            <TextField
              label="Days away or unable to do their normal work, so far"
              hint="Count weekends and rest days, not the day of the accident. More than 7 days must be reported within 15 days of the accident."
              inputMode="numeric"
              pattern="[0-9]*"
              className="field--short"
              value={values.incapacityDays}
              onChange={(event) => set({ incapacityDays: event.target.value })}
              error={errorFor(problems, 'riddor.incapacityDays')}
            />
          </>
        )}
        {personKind !== null && !isStaff && (
          <>
            <RadioGroup
              legend="Did it arise from the school’s work?"
              hint="For example the condition of the premises or equipment, how the activity was supervised or organised, or a lesson activity. Play and sport on their own do not count."
              name="riddor-work-related"
              layout="inline"
              options={yesNoUnknown}
              value={values.workRelated}
              onChange={(workRelated) => set({ workRelated })}
              error={errorFor(problems, 'riddor.workRelated')}
            />
            {values.workRelated === 'yes' && (
              <TextAreaField
                label="How did the school’s work cause it?"
                rows={3}
                className="field--wide"
                value={values.workRelatedReason}
                onChange={(event) => set({ workRelatedReason: event.target.value })}
                error={errorFor(problems, 'riddor.workRelatedReason')}
              />
            )}
            <RadioGroup
              legend="Were they taken straight from the scene to hospital for treatment?"
              hint="Examinations, tests and precautionary visits are not treatment."
              name="riddor-hospital"
              layout="inline"
              options={yesNoUnknown}
              value={values.takenDirectlyToHospital}
              onChange={(takenDirectlyToHospital) => set({ takenDirectlyToHospital })}
              error={errorFor(problems, 'riddor.takenDirectlyToHospital')}
            />
          </>
        )}
      </div>
    </details>
  );
}
