import type { Role } from '../../../shared/api';
import type { SsoConnection, SsoConnectionInput, SsoProvider } from '../../../shared/sso-api';
import type { FieldProblem } from '../../app/api';
import { isDomain, parseDomains } from './describe';

/** What the form holds: text as typed, domains as one text. */
export type ConnectionFormValues = {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  allowedDomains: string;
  jitEnabled: boolean;
  jitRole: Role;
  enabled: boolean;
};

export function formValuesOf(connection: SsoConnection | undefined): ConnectionFormValues {
  return {
    clientId: connection?.clientId ?? '',
    clientSecret: '',
    tenantId: connection?.tenantId ?? '',
    allowedDomains: connection?.allowedDomains.join('\n') ?? '',
    jitEnabled: connection?.jitEnabled ?? false,
    jitRole: connection?.jitRole ?? 'reporter',
    enabled: connection?.enabled ?? true,
  };
}

const tenantIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The input to send, or the problems to correct first. The secret is sent only when a new one
 * was typed, so the stored one is kept otherwise.
 */
export function connectionInputFrom(
  provider: SsoProvider,
  values: ConnectionFormValues,
  hasStoredSecret: boolean,
): { input: SsoConnectionInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const clientId = values.clientId.trim();
  const clientSecret = values.clientSecret.trim();
  const tenantId = values.tenantId.trim().toLowerCase();
  const allowedDomains = parseDomains(values.allowedDomains);

  if (!clientId) problems.push({ path: 'clientId', message: 'Enter the client ID.' });
  if (!clientSecret && !hasStoredSecret) {
    problems.push({ path: 'clientSecret', message: 'Enter the client secret.' });
  }
  if (provider === 'microsoft' && !tenantId) {
    problems.push({ path: 'tenantId', message: 'Enter your Directory (tenant) ID.' });
  } else if (provider === 'microsoft' && !tenantIdPattern.test(tenantId)) {
    problems.push({
      path: 'tenantId',
      message:
        'Enter the Directory (tenant) ID as Microsoft shows it, such as 9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72.',
    });
  }
  const notDomains = allowedDomains.filter((domain) => !isDomain(domain));
  if (notDomains.length > 0) {
    const list = notDomains.map((domain) => `“${domain}”`).join(', ');
    const sentence = notDomains.length === 1 ? 'This is not a domain' : 'These are not domains';
    problems.push({
      path: 'allowedDomains',
      message: `${sentence} such as school.org.uk: ${list}.`,
    });
  } else if (provider === 'google' && allowedDomains.length === 0) {
    problems.push({ path: 'allowedDomains', message: 'List your Google Workspace domains.' });
  }

  return {
    input: {
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      tenantId: provider === 'microsoft' && tenantId ? tenantId : null,
      allowedDomains,
      jitEnabled: values.jitEnabled,
      jitRole: values.jitRole,
      enabled: values.enabled,
    },
    problems,
  };
}
