import { useId } from 'react';
import { TextField } from '../../components/TextField';
import { errorFor } from './form-errors';
import { emptyFollowUp } from './form-values';
import type { FollowUpRow } from './form-values';

type FollowUpRowsProps = {
  rows: FollowUpRow[];
  onChange: (rows: FollowUpRow[]) => void;
  problems: Map<string, string>;
  /** Editing a saved incident: actions can be marked done. */
  canMarkDone: boolean;
};

/** What still needs doing after the incident: what, who owns it, and by when. */
export function FollowUpRows({ rows, onChange, problems, canMarkDone }: FollowUpRowsProps) {
  const id = useId();

  const update = (key: string, change: Partial<FollowUpRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const focusRow = (index: number) =>
    requestAnimationFrame(() => {
      const inputs = document.querySelectorAll<HTMLInputElement>(`[data-action-first="${id}"]`);
      (inputs[Math.min(index, inputs.length - 1)] ?? document.getElementById(`${id}-add`))?.focus();
    });

  const remove = (key: string) => {
    const index = rows.findIndex((row) => row.key === key);
    onChange(rows.filter((row) => row.key !== key));
    if (rows.length > 1) focusRow(index);
    else requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };

  const add = () => {
    onChange([...rows, emptyFollowUp()]);
    focusRow(rows.length);
  };

  return (
    <div className="repeat-rows">
      {rows.length === 0 && <p className="muted">No follow-up actions.</p>}
      {rows.map((row, index) => {
        const number = index + 1;
        return (
          <fieldset key={row.key} className="repeat-row">
            <legend className="repeat-row__legend">Follow-up action {number}</legend>
            <div className="repeat-row__fields repeat-row__fields--action">
              <TextField
                label="What needs doing"
                autoComplete="off"
                data-action-first={id}
                value={row.description}
                onChange={(event) => update(row.key, { description: event.target.value })}
                error={errorFor(problems, `followUpActions.${index}.description`)}
              />
              <TextField
                label="Who will do it"
                autoComplete="off"
                value={row.owner}
                onChange={(event) => update(row.key, { owner: event.target.value })}
                error={errorFor(problems, `followUpActions.${index}.owner`)}
              />
              <TextField
                label="Due by (optional)"
                type="date"
                value={row.dueOn}
                onChange={(event) => update(row.key, { dueOn: event.target.value })}
                error={errorFor(problems, `followUpActions.${index}.dueOn`)}
              />
            </div>
            <div className="repeat-row__actions">
              {canMarkDone && (
                <div className="choice">
                  <input
                    type="checkbox"
                    id={`${id}-${row.key}-done`}
                    checked={row.done}
                    onChange={(event) => update(row.key, { done: event.target.checked })}
                  />
                  <label htmlFor={`${id}-${row.key}-done`} className="choice__label">
                    Done
                  </label>
                </div>
              )}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => remove(row.key)}
              >
                Remove follow-up action {number}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <button id={`${id}-add`} type="button" className="button button--secondary" onClick={add}>
          {rows.length === 0 ? 'Add a follow-up action' : 'Add another follow-up action'}
        </button>
      </div>
    </div>
  );
}
