import { useId } from 'react';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { sideLabels, sides } from './describe';
import { errorFor } from './form-errors';
import { emptyInjury } from './form-values';
import type { InjuryRow } from './form-values';

const injuryTypes = [
  'graze',
  'bump',
  'cut',
  'bruise',
  'sprain',
  'burn',
  'bite',
  'nosebleed',
  'scratch',
  'swelling',
  'sting',
  'splinter',
  'suspected fracture',
];

const bodyParts = [
  'head',
  'face',
  'eye',
  'nose',
  'mouth',
  'teeth',
  'ear',
  'neck',
  'shoulder',
  'arm',
  'elbow',
  'wrist',
  'hand',
  'finger',
  'torso',
  'chest',
  'back',
  'hip',
  'leg',
  'knee',
  'ankle',
  'foot',
  'toe',
];

type InjuryRowsProps = {
  rows: InjuryRow[];
  onChange: (rows: InjuryRow[]) => void;
  problems: Map<string, string>;
};

/** One row per injury: its type, the part of the body and the side, with common suggestions. */
export function InjuryRows({ rows, onChange, problems }: InjuryRowsProps) {
  const id = useId();
  const typesId = `${id}-types`;
  const partsId = `${id}-parts`;

  const update = (key: string, change: Partial<InjuryRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const remove = (key: string) => {
    const index = rows.findIndex((row) => row.key === key);
    onChange(rows.filter((row) => row.key !== key));
    // Keep the keyboard somewhere sensible: the next row's first field, or Add.
    requestAnimationFrame(() => {
      const next = document.querySelectorAll<HTMLInputElement>(`[data-injury-first="${id}"]`)[
        index
      ];
      (next ?? document.getElementById(`${id}-add`))?.focus();
    });
  };

  const add = () => {
    onChange([...rows, emptyInjury()]);
    requestAnimationFrame(() => {
      const inputs = document.querySelectorAll<HTMLInputElement>(`[data-injury-first="${id}"]`);
      inputs[inputs.length - 1]?.focus();
    });
  };

  return (
    <div className="repeat-rows">
      <datalist id={typesId}>
        {injuryTypes.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <datalist id={partsId}>
        {bodyParts.map((part) => (
          <option key={part} value={part} />
        ))}
      </datalist>
      {rows.length === 0 && <p className="muted">No injuries recorded.</p>}
      {rows.map((row, index) => {
        const number = index + 1;
        return (
          <fieldset key={row.key} className="repeat-row">
            <legend className="repeat-row__legend">Injury {number}</legend>
            <div className="repeat-row__fields repeat-row__fields--injury">
              <TextField
                label="Type"
                list={typesId}
                autoComplete="off"
                data-injury-first={id}
                value={row.type}
                onChange={(event) => update(row.key, { type: event.target.value })}
                error={errorFor(problems, `injuries.${index}.type`)}
              />
              <TextField
                label="Part of the body"
                list={partsId}
                autoComplete="off"
                value={row.bodyPart}
                onChange={(event) => update(row.key, { bodyPart: event.target.value })}
                error={errorFor(problems, `injuries.${index}.bodyPart`)}
              />
              <SelectField
                label="Side"
                value={row.side}
                onChange={(event) =>
                  update(row.key, { side: event.target.value as InjuryRow['side'] })
                }
                error={errorFor(problems, `injuries.${index}.side`)}
              >
                <option value="">Not applicable</option>
                {sides.map((side) => (
                  <option key={side} value={side}>
                    {sideLabels[side]}
                  </option>
                ))}
              </SelectField>
            </div>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => remove(row.key)}
            >
              Remove injury {number}
            </button>
          </fieldset>
        );
      })}
      <div>
        <button id={`${id}-add`} type="button" className="button button--secondary" onClick={add}>
          {rows.length === 0 ? 'Add an injury' : 'Add another injury'}
        </button>
      </div>
    </div>
  );
}
