import { useId } from 'react';
import { Link } from 'react-router';
import type { Attention } from '../../../shared/attention-api';
import type { IncidentSummary } from '../../../shared/incidents-api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { countIncidents, incidentTitle } from '../incidents/describe';
import { attentionCount, useAttentionQuery } from './queries';

type Section = {
  key: keyof Pick<
    Attention,
    'riddorOverdue' | 'riddorDecisions' | 'headInjuriesUntold' | 'emailsFailed' | 'openTooLong'
  >;
  title: string;
  /** What to do, said once above the list. */
  action: string;
  /** The incident list with the same incidents, when it has such a filter. */
  allLink?: string;
};

const problemLabels: Record<Attention['schools'][number]['problem'], string> = {
  awaiting_approval: 'Waiting for the school to approve Plaster in Wonde',
  access_revoked: 'Access revoked in Wonde',
  access_declined: 'Access declined in Wonde',
  connection_error: 'Wonde connection has a problem',
  sync_failed: 'The last sync failed',
};

/**
 * What managers and admins should act on in their schools, most urgent first. Each item links
 * to where it is put right.
 */
export function AttentionPage() {
  const attention = useAttentionQuery();
  const sections: Section[] = [
    {
      key: 'riddorOverdue',
      title: 'RIDDOR reports overdue',
      action: 'Report to the HSE, then record the reference on the incident.',
      allLink: '/incidents?riddor=overdue',
    },
    {
      key: 'headInjuriesUntold',
      title: 'Head injuries: family not told',
      action: 'Open the incident and use “Tell the family”.',
    },
    {
      key: 'riddorDecisions',
      title: 'RIDDOR decisions awaiting',
      action: 'Open the incident and record whether it is reportable.',
      allLink: '/incidents?riddor=awaiting',
    },
    {
      key: 'emailsFailed',
      title: 'Emails not delivered',
      action:
        'Open the incident: its communication log says why, or that an email may not have been sent. Ring the family, or send again.',
    },
    {
      key: 'openTooLong',
      title: `Open for more than ${attention.data?.openAfterDays ?? 14} days`,
      action: 'Review and sign them off, or note what is still to do.',
      allLink: '/incidents?status=open',
    },
  ];

  return (
    <>
      <PageHeader
        title="Needs attention"
        description="What is waiting for a manager or admin in your schools."
      />
      {attention.isPending && <Loading label="Loading…" />}
      {attention.isError && (
        <QueryError error={attention.error} onRetry={() => void attention.refetch()} />
      )}
      {attention.data && attentionCount(attention.data) === 0 && (
        <div className="empty">
          <p>Nothing needs attention. Every incident is in hand.</p>
        </div>
      )}
      {attention.data &&
        sections.map((section) => (
          <IncidentsSection
            key={section.key}
            section={section}
            list={attention.data[section.key]}
          />
        ))}
      {attention.data && attention.data.schools.length > 0 && (
        <SchoolsSection schools={attention.data.schools} />
      )}
    </>
  );
}

function IncidentsSection({
  section,
  list,
}: {
  section: Section;
  list: { total: number; incidents: IncidentSummary[] };
}) {
  const headingId = useId();
  if (list.total === 0) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {section.title} <span className="badge badge--warning">{list.total}</span>
      </h2>
      <p>{section.action}</p>
      <ul className="attention-list">
        {list.incidents.map((incident) => (
          <li key={incident.id}>
            <Link to={`/incidents/${incident.id}`}>
              {incidentTitle(incident)}: {incident.person.name}
            </Link>{' '}
            <span className="cell-secondary">
              {incident.school.name}, <DateTime value={incident.occurredAt} />
            </span>
          </li>
        ))}
      </ul>
      {list.total > list.incidents.length && (
        <p>
          {section.allLink ? (
            <Link to={section.allLink}>See all {countIncidents(list.total)}</Link>
          ) : (
            `And ${countIncidents(list.total - list.incidents.length)} more.`
          )}
        </p>
      )}
    </section>
  );
}

function SchoolsSection({ schools }: { schools: Attention['schools'] }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Schools not syncing <span className="badge badge--warning">{schools.length}</span>
      </h2>
      <p>Open the school to see what Wonde said and put it right.</p>
      <ul className="attention-list">
        {schools.map((item) => (
          <li key={`${item.school.id}-${item.problem}`}>
            <Link to={`/schools/${item.school.id}`}>{item.school.name}</Link>:{' '}
            {problemLabels[item.problem]}{' '}
            <span className="cell-secondary">
              since <DateTime value={item.since} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
