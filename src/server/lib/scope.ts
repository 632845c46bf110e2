import type { Role } from '../../shared/api';

/** Which of an organisation's schools a caller may reach. Every tenant query takes one. */
export type Scope = {
  organisationId: string;
  /** 'all' for every school of the organisation, including ones added later. */
  schoolIds: 'all' | readonly string[];
};

/** The signed-in user making a request or running a command. */
export type Actor = {
  userId: string;
  organisationId: string;
  role: Role;
  scope: Scope;
  /** The caller's address, for the audit log. */
  ip: string | null;
};
