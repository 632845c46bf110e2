import { useEffect, useState } from 'react';
import type { SsoDiscovery } from './api';
import { looksLikeEmail } from './describe';
import { useSsoDiscoveryQuery } from './queries';

const TYPING_PAUSE_MS = 500;

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/**
 * The single sign-on options for the address in an email field: asked once typing pauses, or at
 * once when the field loses focus (call `lookUpNow`). The answer is kept while only the part
 * before the @ changes, and dropped as soon as the domain does.
 */
export function useSsoDiscovery(email: string): {
  discovery: SsoDiscovery | null;
  lookUpNow: () => void;
} {
  const typed = email.trim().toLowerCase();
  const [address, setAddress] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setAddress(typed), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const query = useSsoDiscoveryQuery(looksLikeEmail(address) ? address : null);
  const isCurrent = looksLikeEmail(typed) && domainOf(typed) === domainOf(address);
  return {
    discovery: isCurrent ? (query.data ?? null) : null,
    lookUpNow: () => setAddress(typed),
  };
}
