import { z } from 'zod';
import { toStorableText } from '../../../shared/fields';
import { HttpStatusError, type HttpClient } from '../../lib/http-client';
import {
  DeletionSchema,
  EmployeeWithNextOfKinSchema,
  StudentWithContactsSchema,
  EmployeeSchema,
  listOf,
  SchoolSchema,
  singleOf,
  StudentSchema,
  type WondeSchool,
} from './wonde-responses';

export type WondeErrorKind =
  'unauthorized' | 'forbidden' | 'not_found' | 'rejected' | 'unavailable' | 'invalid_response';

/** A Wonde call that failed; `kind` says whether trying again later can help. */
export class WondeError extends Error {
  constructor(
    readonly kind: WondeErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WondeError';
  }

  /** Timeouts, outages and rate limits pass; a refused token or a wrong shape do not. */
  get isTransient(): boolean {
    return this.kind === 'unavailable';
  }
}

/**
 * Wonde's JSON with every string made storable: a NUL or half a surrogate pair typed into a
 * pupil's record at the MIS would otherwise fail every sync of the school at the database.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [toStorableText(key), storable(inner)]),
    );
  return value;
}

/** Where one school's data is read from and with which token. */
export type SchoolAccess = { baseUrl: string; wondeSchoolId: string; token: string };

export type PersonKind = 'students' | 'employees';

export const INCLUDES: Record<PersonKind, string> = {
  students: 'education_details,year,contact_details',
  employees: 'employment_details,roles,contact_details',
};

const itemSchemas = {
  students: StudentSchema,
  employees: EmployeeSchema,
  deletions: DeletionSchema,
} as const;

export type ListKind = keyof typeof itemSchemas;
export type ListItem<K extends ListKind> = z.infer<(typeof itemSchemas)[K]>;
export type Page<K extends ListKind> = { items: ListItem<K>[]; next: string | null };

/** Wonde's `updated_after` in its documented `YYYY-MM-DD HH:MM:SS` form, UTC. */
export function formatUpdatedAfter(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

export type WondeClient = ReturnType<typeof createWondeClient>;

const schoolRoot = (access: SchoolAccess) =>
  `${access.baseUrl.replace(/\/+$/, '')}/schools/${encodeURIComponent(access.wondeSchoolId)}`;

/**
 * The only code that talks to Wonde. Read-only but for requesting and revoking access.
 * Every response is parsed; pagination follows `next` until `more` is false.
 */
export function createWondeClient(options: {
  http: HttpClient;
  /** e.g. https://api.wonde.com/v1.0 */
  baseUrl: string;
  partnerToken: string;
  perPage?: number;
}) {
  const root = options.baseUrl.replace(/\/+$/, '');
  const perPage = options.perPage ?? 200;

  async function call<T extends z.ZodType>(
    url: string,
    token: string,
    schema: T,
    method: 'GET' | 'POST' | 'DELETE' = 'GET',
  ): Promise<z.infer<T>> {
    let body: unknown;
    try {
      body = await options.http.json(url, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw toWondeError(error);
    }
    const parsed = schema.safeParse(storable(body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WondeError(
        'invalid_response',
        `Wonde sent an unexpected response from ${new URL(url).pathname}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    return parsed.data;
  }

  /** Follows a `next` link only to the server the listing started on: it carries our token. */
  function checkSameOrigin(next: string, current: string): string {
    const nextUrl = new URL(next);
    if (nextUrl.origin !== new URL(current).origin) {
      throw new WondeError(
        'invalid_response',
        `Wonde's next page points to another server (${nextUrl.host}).`,
      );
    }
    return nextUrl.toString();
  }

  return {
    /** Schools on Wonde with this URN (any access state). */
    async findSchoolsByUrn(urn: string): Promise<WondeSchool[]> {
      const url = `${root}/schools/all?urn=${encodeURIComponent(urn)}&per_page=50`;
      return (await call(url, options.partnerToken, listOf(SchoolSchema))).data;
    },

    async getSchool(wondeSchoolId: string): Promise<WondeSchool> {
      const url = `${root}/schools/${encodeURIComponent(wondeSchoolId)}`;
      return (await call(url, options.partnerToken, singleOf(SchoolSchema))).data;
    },

    async requestAccess(wondeSchoolId: string): Promise<void> {
      const url = `${root}/schools/${encodeURIComponent(wondeSchoolId)}/request-access`;
      // The answer's fields are not documented; success is the 2xx.
      await call(url, options.partnerToken, z.unknown(), 'POST');
    },

    async revokeAccess(wondeSchoolId: string): Promise<void> {
      const url = `${root}/schools/${encodeURIComponent(wondeSchoolId)}/revoke-access`;
      await call(url, options.partnerToken, z.unknown(), 'DELETE');
    },

    /** The ids of every school that has approved us, across all pages. */
    async listApprovedSchoolIds(): Promise<Set<string>> {
      const ids = new Set<string>();
      const schema = listOf(SchoolSchema);
      let url: string | null = `${root}/schools?per_page=${perPage}`;
      while (url) {
        const page: z.infer<typeof schema> = await call(url, options.partnerToken, schema);
        for (const school of page.data) ids.add(school.id);
        const pagination = page.meta?.pagination;
        url =
          pagination?.more === false || !pagination?.next
            ? null
            : checkSameOrigin(pagination.next, url);
      }
      return ids;
    },

    /** The URL of the first page of a school's students, employees or deletions. */
    firstPageUrl(kind: ListKind, access: SchoolAccess, updatedAfter?: Date): string {
      const url = new URL(`${schoolRoot(access)}/${kind}`);
      url.searchParams.set('per_page', String(perPage));
      if (kind !== 'deletions') url.searchParams.set('include', INCLUDES[kind]);
      if (updatedAfter) url.searchParams.set('updated_after', formatUpdatedAfter(updatedAfter));
      return url.toString();
    },

    /**
     * Wonde's own word on access, for one token and school: true when the token may read the
     * school's data now, false when Wonde refuses it (401/403). Anything else (an outage) throws,
     * so that nothing is decided on a guess. Webhooks are only hints; this is the check.
     */
    async canReadSchool(access: SchoolAccess): Promise<boolean> {
      const url = `${schoolRoot(access)}/students?per_page=1`;
      try {
        await call(url, access.token, z.unknown());
        return true;
      } catch (error) {
        if (
          error instanceof WondeError &&
          (error.kind === 'unauthorized' || error.kind === 'forbidden')
        )
          return false;
        throw error;
      }
    },

    /** A pupil's contacts with their relationship to the pupil, read live. */
    async getStudentContacts(access: SchoolAccess, studentId: string) {
      const url = `${schoolRoot(access)}/students/${encodeURIComponent(studentId)}?include=contacts.contact_details`;
      return (
        (await call(url, access.token, singleOf(StudentWithContactsSchema))).data.contacts?.data ??
        []
      );
    },

    /** A member of staff's next of kin, read live. */
    async getEmployeeNextOfKin(access: SchoolAccess, employeeId: string) {
      const url = `${schoolRoot(access)}/employees/${encodeURIComponent(employeeId)}?include=next_of_kin`;
      return (
        (await call(url, access.token, singleOf(EmployeeWithNextOfKinSchema))).data.next_of_kin
          ?.data ?? []
      );
    },

    /** One page of a listing and the URL of the next, or null after the last. */
    async fetchPage<K extends ListKind>(
      kind: K,
      url: string,
      access: SchoolAccess,
    ): Promise<Page<K>> {
      const page = await call(url, access.token, listOf(itemSchemas[kind]));
      const pagination = page.meta?.pagination;
      const next =
        pagination?.more === false || !pagination?.next
          ? null
          : checkSameOrigin(pagination.next, url);
      return { items: page.data as ListItem<K>[], next };
    },
  };
}

function toWondeError(error: unknown): WondeError {
  if (error instanceof HttpStatusError) {
    const kind: WondeErrorKind =
      error.status === 401
        ? 'unauthorized'
        : error.status === 403
          ? 'forbidden'
          : error.status === 404
            ? 'not_found'
            : error.status === 429 || error.status >= 500
              ? 'unavailable'
              : 'rejected';
    return new WondeError(
      kind,
      `Wonde answered ${error.status} (${kind.replace('_', ' ')}).`,
      error.status,
      {
        cause: error,
      },
    );
  }
  return new WondeError('unavailable', 'Wonde could not be reached.', undefined, { cause: error });
}
