import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/api';
import { describeAction, describeValue, visibleChanges } from './describe';

function event(action: string, changes: AuditEvent['changes'] = null): AuditEvent {
  return {
    id: 1,
    at: '2026-03-02T09:00:00.000Z',
    action,
    actor: null,
    targetType: null,
    targetId: null,
    changes,
    ip: null,
  };
}

describe('single sign-on in the audit log', () => {
  it('says how someone signed in, and not again among the changes', () => {
    const sso = event('auth.sign_in', { via: [null, 'microsoft'] });
    expect(describeAction(sso)).toBe('Signed in with Microsoft');
    expect(visibleChanges(sso)).toBeNull();
    expect(describeAction(event('auth.sign_in', { via: [null, 'google'] }))).toBe(
      'Signed in with Google',
    );
    expect(describeAction(event('auth.sign_in'))).toBe('Signed in');
  });

  it('words the settings events', () => {
    expect(describeAction(event('sso.connection_saved'))).toBe('Changed single sign-on');
    expect(describeAction(event('sso.connection_removed'))).toBe('Removed single sign-on');
    expect(describeAction(event('sso.settings_updated'))).toBe('Changed sign-in rules');
    expect(describeAction(event('sso.domain_added'))).toBe('Added a sign-in domain');
    expect(describeAction(event('sso.domain_verified'))).toBe('Verified a sign-in domain');
    expect(describeAction(event('sso.domain_removed'))).toBe('Removed a sign-in domain');
  });

  it('names the break-glass administrator and the role for new accounts', () => {
    const names = { schools: new Map(), users: new Map([['u1', 'Alex Morgan']]) };
    expect(describeValue('breakGlassUserId', 'u1', names)).toBe('Alex Morgan');
    expect(describeValue('jitRole', 'manager', names)).toBe('Manager');
    expect(describeValue('provider', 'google', names)).toBe('Google');
  });
});
