import type { AuditEvent } from '../../../shared/api';
import { describeField, describeValue, secretFields } from './describe';
import type { AuditNames } from './describe';

type AuditChangesProps = {
  changes: AuditEvent['changes'];
  names: AuditNames;
};

/** Each changed field as "Role: Reporter → Manager"; a new value alone when there was none. */
export function AuditChanges({ changes, names }: AuditChangesProps) {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {entries.map(([field, [before, after]]) => {
        const hasBefore = before !== null && before !== undefined;
        const isSecret = secretFields.has(field);
        return (
          <li key={field}>
            <span className="changes__field">{describeField(field)}:</span>{' '}
            {isSecret ? (
              <span>changed</span>
            ) : hasBefore ? (
              <>
                <span className="changes__before">{describeValue(field, before, names)}</span>{' '}
                <span aria-hidden="true">→</span>
                <span className="visually-hidden">changed to</span>{' '}
                <span className="changes__after">{describeValue(field, after, names)}</span>
              </>
            ) : (
              <span className="changes__after">{describeValue(field, after, names)}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
