import { describe, expect, it } from 'vitest';
import type { SsoConnection } from '../../../shared/sso-api';
import { connectionInputFrom, formValuesOf } from './connection-form';
import { looksLikeEmail, parseDomains, ssoErrorMessage } from './describe';

const stored: SsoConnection = {
  id: '6f1d2a52-3c1e-4c61-9a55-0d4c1f7c3b11',
  provider: 'microsoft',
  clientId: 'client',
  hasClientSecret: true,
  tenantId: '9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72',
  allowedDomains: ['oakfield.example', 'oakfield.sch.uk'],
  jitEnabled: false,
  jitRole: 'reporter',
  enabled: true,
};

describe('parseDomains', () => {
  it('reads domains one per line or separated by commas, each once and in lower case', () => {
    expect(parseDomains(' Oakfield.example,\n@oakfield.sch.uk ;oakfield.example\n\n')).toEqual([
      'oakfield.example',
      'oakfield.sch.uk',
    ]);
  });
});

describe('connectionInputFrom', () => {
  it('keeps the stored secret by leaving it out', () => {
    const { input, problems } = connectionInputFrom('microsoft', formValuesOf(stored), true);
    expect(problems).toEqual([]);
    expect(input).not.toHaveProperty('clientSecret');
    expect(input.allowedDomains).toEqual(['oakfield.example', 'oakfield.sch.uk']);
    expect(input.tenantId).toBe('9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72');
  });

  it('sends a new secret, and no tenant for Google', () => {
    const values = { ...formValuesOf(stored), clientSecret: ' new ', tenantId: 'ignored' };
    const { input } = connectionInputFrom('google', values, true);
    expect(input.clientSecret).toBe('new');
    expect(input.tenantId).toBeNull();
  });

  it('asks for what each provider needs', () => {
    const empty = formValuesOf(undefined);
    const paths = (provider: 'microsoft' | 'google') =>
      connectionInputFrom(provider, empty, false).problems.map((problem) => problem.path);
    expect(paths('microsoft')).toEqual(['clientId', 'clientSecret', 'tenantId']);
    expect(paths('google')).toEqual(['clientId', 'clientSecret', 'allowedDomains']);
  });

  it('names what is not a domain, and a tenant that is not a Directory (tenant) ID', () => {
    const values = {
      ...formValuesOf(stored),
      tenantId: 'contoso.onmicrosoft.com',
      allowedDomains: 'oakfield.example, nope',
    };
    const { problems } = connectionInputFrom('microsoft', values, true);
    expect(problems).toEqual([
      {
        path: 'tenantId',
        message:
          'Enter the Directory (tenant) ID as Microsoft shows it, such as 9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72.',
      },
      { path: 'allowedDomains', message: 'This is not a domain such as school.org.uk: “nope”.' },
    ]);
  });

  it('sends no issuer: it is Microsoft’s or Google’s own', () => {
    const { input } = connectionInputFrom('microsoft', formValuesOf(stored), true);
    expect(Object.keys(input).sort()).toEqual(
      ['allowedDomains', 'clientId', 'enabled', 'jitEnabled', 'jitRole', 'tenantId'].sort(),
    );
  });
});

describe('ssoErrorMessage', () => {
  it('words the known reasons, and any other generically', () => {
    expect(ssoErrorMessage(null)).toBeNull();
    expect(ssoErrorMessage('wrong_tenant')).toContain('another Microsoft tenant');
    expect(ssoErrorMessage('toString')).toContain('Single sign-on did not work');
  });
});

describe('looksLikeEmail', () => {
  it('needs something@domain.tld', () => {
    expect(looksLikeEmail('admin@oakfield.example')).toBe(true);
    expect(looksLikeEmail('admin@oakfield')).toBe(false);
    expect(looksLikeEmail('admin@oakfield.e')).toBe(false);
  });
});
