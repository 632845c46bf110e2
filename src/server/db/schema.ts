import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ORGANISATION_KINDS, ROLES } from '../../shared/api';
import {
  CATEGORIES,
  OUTCOMES,
  PERSON_KINDS,
  RIDDOR_DECISIONS,
  STATUSES,
} from '../../shared/incidents-api';
import { NOTIFICATION_STATUSES } from '../../shared/notifications-api';
import { PERSON_STATUSES, PERSON_TYPES } from '../../shared/people-api';
import { SSO_PROVIDERS } from '../../shared/sso-api';
import { CONNECTION_STATES, SYNC_MODES, SYNC_STATUSES } from '../../shared/wonde-api';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organisationKind = pgEnum('organisation_kind', ORGANISATION_KINDS);
export const userRole = pgEnum('user_role', ROLES);

/** A multi-academy trust or a standalone school: the tenant. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: organisationKind('kind').notNull(),
    /** A person with this many incidents within the window is flagged as a repeat. */
    repeatThreshold: integer('repeat_threshold').notNull().default(3),
    repeatWindowDays: integer('repeat_window_days').notNull().default(30),
    /** Needs attention lists incidents still open this many days after they happened. */
    openAlertDays: integer('open_alert_days').notNull().default(14),
    /** Users sign in only through the organisation's SSO, but for the break-glass admin. */
    ssoEnforced: boolean('sso_enforced').notNull().default(false),
    breakGlassUserId: uuid('break_glass_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organisations_name_key').on(sql`lower(${t.name})`)],
);

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** DfE Unique Reference Number, six digits. */
    urn: text('urn').notNull(),
    wondeSchoolId: text('wonde_school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('schools_organisation_urn_key').on(t.organisationId, t.urn),
    index('schools_organisation_idx').on(t.organisationId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Stored lower-cased; sign-in is by email, so it is unique across organisations. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    /** True: every school of the organisation, now and later. False: only those in user_schools. */
    allSchools: boolean('all_schools').notNull().default(false),
    passwordHash: text('password_hash'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

export const userSchools = pgTable(
  'user_schools',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.schoolId] })],
);

/** Server-side sessions. Only a keyed hash of the session id is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute expiry: the session ends then however active it is. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failed and successful sign-ins, for rate limiting per account and per address. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_at_idx').on(t.email, t.at),
    index('sign_in_attempts_ip_at_idx').on(t.ip, t.at),
  ],
);

/** Who did what, when: sign-in events and every change to users, schools and settings. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null only for events that belong to no organisation (a sign-in with an unknown email). */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /**
     * The school the event is about, when it is about one: what an admin of some schools sees.
     * No reference: the record of a school outlives the school.
     */
    schoolId: uuid('school_id'),
    /** Field → [before, after]; secrets are never written here. */
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_organisation_at_idx').on(t.organisationId, t.at),
    index('audit_events_organisation_school_idx').on(t.organisationId, t.schoolId, t.id),
  ],
);

// Wonde connection, people directory, sync runs -------------------------------------------

export const wondeConnectionState = pgEnum('wonde_connection_state', CONNECTION_STATES);

/** A school's link to its MIS through Wonde; no row means not connected. */
export const wondeConnections = pgTable(
  'wonde_connections',
  {
    schoolId: uuid('school_id')
      .primaryKey()
      .references(() => schools.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    wondeSchoolId: text('wonde_school_id').notNull(),
    /** As Wonde names and places the school, shown to confirm the right one was found. */
    wondeSchoolName: text('wonde_school_name').notNull(),
    wondeSchoolAddress: text('wonde_school_address'),
    /** The school's regional Wonde API, e.g. https://api.wonde.com/v1.0 */
    apiBaseUrl: text('api_base_url').notNull(),
    state: wondeConnectionState('state').notNull(),
    /** Why it was declined, revoked or is in error, as Wonde or the last sync said. */
    stateReason: text('state_reason'),
    /** The per-school token, sealed with ENCRYPTION_KEY; null until the school approves. */
    tokenSealed: text('token_sealed'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Start of the last successful sync: the next delta asks for changes since then. */
    syncedFrom: timestamp('synced_from', { withTimezone: true }),
  },
  (t) => [
    // One Plaster school per Wonde school in every state: a Wonde school belongs to the
    // organisation that asked for it until that organisation disconnects, or its access has been
    // gone (revoked or declined, as Wonde confirmed) for the grace period and is released.
    uniqueIndex('wonde_connections_wonde_school_key').on(t.wondeSchoolId),
  ],
);

export const personType = pgEnum('person_type', PERSON_TYPES);
export const personStatus = pgEnum('person_status', PERSON_STATUSES);

/**
 * The people directory synced from Wonde: exactly the fields the incident book needs
 * (design rule 3) and the bookkeeping of the sync. No dates of birth, medical, SEN or photos.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    type: personType('type').notNull(),
    wondeId: text('wonde_id').notNull(),
    misId: text('mis_id'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Legal names, kept only where they differ from the names used, so search finds both. */
    legalFirstName: text('legal_first_name'),
    legalLastName: text('legal_last_name'),
    email: text('email'),
    /** Staff only. */
    phone: text('phone'),
    address: text('address'),
    occupation: text('occupation'),
    /** Pupils only: National Curriculum year as the MIS gives it ("R", "7", "N2"). */
    ncYear: text('nc_year'),
    educationDetails: jsonb('education_details').$type<EducationDetails>(),
    status: personStatus('status').notNull(),
    wondeUpdatedAt: timestamp('wonde_updated_at', { withTimezone: true }),
    wondeRestoredAt: timestamp('wonde_restored_at', { withTimezone: true }),
    /** Deleted in the MIS or missing from a complete listing; kept for the book's sake. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    lastSeenSyncRunId: uuid('last_seen_sync_run_id'),
    /** Folded name tokens (search-text.ts), e.g. " zoe oconnor ", for search. */
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_school_wonde_key').on(t.schoolId, t.wondeId),
    index('people_organisation_school_idx').on(t.organisationId, t.schoolId),
    index('people_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * The search keys of each person in the directory, kept by a trigger on `people` (migration
 * 0010): every name word whole, and its first one and two letters. Each row repeats what the
 * search filters and sorts by, so that one index answers "names starting with s" trust-wide in
 * the order results are shown, without reading and sorting every match (bench/README.md).
 * Removed people have none.
 */
export const peopleSearchKeys = pgTable(
  'people_search_keys',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** A folded name word, or its first one or two letters (collation "C", for range scans). */
    key: text('key').notNull(),
    /** The key is a whole word of the name. */
    whole: boolean('whole').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    schoolId: uuid('school_id').notNull(),
    type: personType('type').notNull(),
    status: personStatus('status').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    ncYear: text('nc_year'),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] })],
);

/**
 * The distinct name words of each organisation's directory, kept by the same trigger: typos are
 * matched against these few thousand words rather than against every person.
 */
export const peopleSearchWords = pgTable(
  'people_search_words',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    word: text('word').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.word] })],
);

/** A pupil's `education_details` as stored; dates are `YYYY-MM-DD`. */
export type EducationDetails = {
  admission_number: string | null;
  upn: string | null;
  local_upn: string | null;
  former_upn: string | null;
  learner_number: string | null;
  current_nc_year: string | null;
  part_time: boolean | null;
  part_time_rate: string | null;
  admission_date: string | null;
  leaving_date: string | null;
};

export const syncMode = pgEnum('sync_mode', SYNC_MODES);
export const syncStatus = pgEnum('sync_status', SYNC_STATUSES);

/** One sync of one school: its progress, counts and outcome; also its resume point. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    mode: syncMode('mode').notNull(),
    status: syncStatus('status').notNull().default('queued'),
    /** approval, schedule, nightly, manual, command line */
    trigger: text('trigger').notNull(),
    /** Delta runs: changes since this instant. */
    updatedAfter: timestamp('updated_after', { withTimezone: true }),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Resume point: the listing being read and the URL of its next page. */
    phase: text('phase'),
    nextUrl: text('next_url'),
    attempts: integer('attempts').notNull().default(0),
    /** Who is running it (a job's id, or a command's own token); null while it waits. */
    claimToken: uuid('claim_token'),
    /** When its runner last showed it is alive; long silence hands the run to another worker. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    pagesFetched: integer('pages_fetched').notNull().default(0),
    peopleSeen: integer('people_seen').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    left: integer('left').notNull().default(0),
    removed: integer('removed').notNull().default(0),
    restored: integer('restored').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    index('sync_runs_school_queued_idx').on(t.schoolId, t.queuedAt),
    // At most one run per school waiting or running.
    uniqueIndex('sync_runs_one_live_per_school_key')
      .on(t.schoolId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

// The incident book --------------------------------------------------------------------------

/** Places in a school where incidents happen, kept per school by its admins. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('locations_school_name_key').on(t.schoolId, sql`lower(${t.name})`)],
);

export const incidentCategory = pgEnum('incident_category', CATEGORIES);
export const affectedPersonKind = pgEnum('affected_person_kind', PERSON_KINDS);
export const incidentOutcome = pgEnum('incident_outcome', OUTCOMES);
export const incidentStatus = pgEnum('incident_status', STATUSES);
export const riddorDecision = pgEnum('riddor_decision', RIDDOR_DECISIONS);

/** One entry of the book. The affected person is kept as a snapshot besides the directory link. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    /** Per organisation, 1, 2, 3…: the number people quote. */
    number: integer('number').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    reportedByUserId: uuid('reported_by_user_id')
      .notNull()
      .references(() => users.id),
    locationId: uuid('location_id').references(() => locations.id),
    locationDetail: text('location_detail'),
    category: incidentCategory('category').notNull(),
    personKind: affectedPersonKind('person_kind').notNull(),
    /** The directory entry, while it exists; the snapshot below keeps the record whole. */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    personName: text('person_name').notNull(),
    personYearGroup: text('person_year_group'),
    personOccupation: text('person_occupation'),
    /** Phone or email of a person entered by hand (visitor, contractor, …). */
    personContact: text('person_contact'),
    /**
     * A pupil or member of staff named by whoever logged it, without the directory to hand
     * (offline): to be matched to their entry, which any later change of the person does.
     */
    personUnmatched: boolean('person_unmatched').notNull().default(false),
    description: text('description').notNull(),
    headInjury: boolean('head_injury').notNull().default(false),
    firstAidGiven: boolean('first_aid_given').notNull().default(false),
    firstAidBy: text('first_aid_by'),
    firstAidDetails: text('first_aid_details'),
    outcome: incidentOutcome('outcome').notNull(),
    witnesses: text('witnesses'),
    immediateActions: text('immediate_actions'),
    status: incidentStatus('status').notNull().default('open'),
    closedByUserId: uuid('closed_by_user_id').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closureNote: text('closure_note'),
    // RIDDOR
    workRelated: boolean('work_related'),
    workRelatedReason: text('work_related_reason'),
    takenDirectlyToHospital: boolean('taken_directly_to_hospital'),
    specifiedInjury: text('specified_injury'),
    incapacityStartDate: text('incapacity_start_date'),
    incapacityDays: integer('incapacity_days'),
    riddorDecision: riddorDecision('riddor_decision').notNull().default('undecided'),
    riddorReference: text('riddor_reference'),
    riddorReportedOn: text('riddor_reported_on'),
    riddorReportedBy: text('riddor_reported_by'),
    /** The assessment as of the last change (riddor.ts), kept so lists can filter on it. */
    riddorSuggestion: text('riddor_suggestion').notNull().default('needs_answers'),
    riddorDeadline: text('riddor_deadline'),
    /**
     * The Idempotency-Key the reporter's app sent with the create, so a retried request (a
     * phone that lost its answer) gives back this incident instead of logging it twice; with a
     * SHA-256 of the request body, to tell a retry from a different incident under the same key.
     */
    idempotencyKey: text('idempotency_key'),
    idempotencyFingerprint: text('idempotency_fingerprint'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('incidents_organisation_number_key').on(t.organisationId, t.number),
    // Named in incidents.service.ts, which tells a repeated key from a number taken at once.
    uniqueIndex('incidents_idempotency_key')
      .on(t.organisationId, t.reportedByUserId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('incidents_organisation_school_occurred_idx').on(
      t.organisationId,
      t.schoolId,
      t.occurredAt,
    ),
    index('incidents_person_idx').on(t.personId),
  ],
);

export const incidentInjuries = pgTable(
  'incident_injuries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    bodyPart: text('body_part').notNull(),
    side: text('side'),
    position: integer('position').notNull(),
  },
  (t) => [index('incident_injuries_incident_idx').on(t.incidentId)],
);

export const incidentActions = pgTable(
  'incident_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    owner: text('owner').notNull(),
    dueOn: text('due_on'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    position: integer('position').notNull(),
  },
  (t) => [index('incident_actions_incident_idx').on(t.incidentId)],
);

/** Every change to an incident: who, when, and each field before and after. */
export const incidentHistory = pgTable(
  'incident_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_history_incident_idx').on(t.incidentId, t.at)],
);

// Notifications ----------------------------------------------------------------------------

/** An organisation's own wording for a notification; Plaster's default applies without one. */
export const notificationTemplates = pgTable(
  'notification_templates',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);

export const notificationStatus = pgEnum('notification_status', NOTIFICATION_STATUSES);

/**
 * The outbox and the communication log: one email to one recipient. The recipient's name and
 * email are stored here, and only here, once a message is sent to them (design rule 3).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    recipientName: text('recipient_name').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    status: notificationStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    /** When the current attempt began; a send stuck past a limit is handed out again. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_idempotency_key').on(
      t.incidentId,
      t.idempotencyKey,
      t.recipientEmail,
    ),
    index('notifications_incident_idx').on(t.incidentId, t.createdAt),
    index('notifications_status_idx').on(t.status, t.createdAt),
  ],
);

// Single sign-on --------------------------------------------------------------------------

export const ssoProvider = pgEnum('sso_provider', SSO_PROVIDERS);

/** An organisation's OpenID Connect sign-in with Microsoft Entra ID or Google Workspace. */
export const ssoConnections = pgTable(
  'sso_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    provider: ssoProvider('provider').notNull(),
    clientId: text('client_id').notNull(),
    /** Sealed with ENCRYPTION_KEY. */
    clientSecretSealed: text('client_secret_sealed').notNull(),
    /** Microsoft: the Entra tenant id the id token's `tid` must match. */
    tenantId: text('tenant_id'),
    /** Email domains (and Google `hd`) accepted; lower case. */
    allowedDomains: text('allowed_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    jitEnabled: boolean('jit_enabled').notNull().default(false),
    jitRole: userRole('jit_role').notNull().default('reporter'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sso_connections_organisation_provider_key').on(t.organisationId, t.provider),
  ],
);

/**
 * An email domain an organisation signs in with. It routes no one (sign-in buttons, SSO
 * required, matching or creating users) until the organisation proves it holds the domain with
 * a DNS TXT record `plaster-verification=<token>`; a proved domain is one organisation's alone.
 */
export const ssoDomains = pgTable(
  'sso_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Lower case, such as oakfield.sch.uk. */
    domain: text('domain').notNull(),
    /** The random value the TXT record must hold, this organisation's for this domain. */
    token: text('token').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sso_domains_organisation_domain_key').on(t.organisationId, t.domain),
    uniqueIndex('sso_domains_verified_domain_key')
      .on(t.domain)
      .where(sql`${t.verifiedAt} is not null`),
  ],
);

/** An SSO sign-in in progress: single-use, short-lived, so a replayed state is refused. */
export const ssoStates = pgTable('sso_states', {
  stateHash: text('state_hash').primaryKey(),
  connectionId: uuid('connection_id')
    .notNull()
    .references(() => ssoConnections.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  /** The page of Plaster to return to, a path on this site. */
  nextPath: text('next_path'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
