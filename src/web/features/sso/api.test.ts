import { describe, expect, it } from 'vitest';
import { ssoStartUrl } from './api';

const id = '6f1d2a52-3c1e-4c61-9a55-0d4c1f7c3b11';

describe('ssoStartUrl', () => {
  it('carries a path of this site to come back to', () => {
    expect(ssoStartUrl(id)).toBe(`/api/v1/auth/sso/${id}/start`);
    expect(ssoStartUrl(id, '/incidents?status=open')).toBe(
      `/api/v1/auth/sso/${id}/start?next=%2Fincidents%3Fstatus%3Dopen`,
    );
  });

  it.each(['//evil.example', '/\\evil.example', '/%09/evil.example', 'https://evil.example'])(
    'leaves out %s',
    (next) => {
      expect(ssoStartUrl(id, next)).toBe(`/api/v1/auth/sso/${id}/start`);
    },
  );
});
