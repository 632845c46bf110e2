import type { ReactNode } from 'react';
import type { WondeConnection } from '../../../shared/wonde-api';

type WondeSchoolSummaryProps = { connection: WondeConnection; children?: ReactNode };

/** Which Wonde school the connection is with; more rows may follow as children. */
export function WondeSchoolSummary({ connection, children }: WondeSchoolSummaryProps) {
  if (!connection.wondeSchoolId && !connection.wondeSchoolName && !children) return null;
  return (
    <dl className="summary-list">
      {connection.wondeSchoolName && (
        <div>
          <dt>Wonde school</dt>
          <dd>
            {connection.wondeSchoolName}
            {connection.wondeSchoolAddress && (
              <span className="cell-secondary">{connection.wondeSchoolAddress}</span>
            )}
          </dd>
        </div>
      )}
      {connection.wondeSchoolId && (
        <div>
          <dt>Wonde school id</dt>
          <dd>
            <code>{connection.wondeSchoolId}</code>
          </dd>
        </div>
      )}
      {children}
    </dl>
  );
}
