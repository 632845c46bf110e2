/**
 * Password rules, following NCSC guidance: length over complexity, and no well-known or
 * guessable passwords. Shared so the UI can explain a refusal before the server makes one.
 */
export const MIN_PASSWORD_LENGTH = 10;

const common = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1234567890',
  '12345678910',
  '0987654321',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'welcome1234',
  'football123',
  'liverpool1',
  'changeme123',
  'abcdefghij',
  'abc1234567',
  'school1234',
  'teacher123',
  'teacher1234',
  'monkey1234',
  'sunshine12',
  'princess12',
  'trustno1234',
  'administrator',
  'admin12345',
]);

/** Returns why a password is refused, or null if it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  if (common.has(lower) || /^(.)\1+$/.test(password)) {
    return 'Password is too common or easy to guess.';
  }
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && lower.includes(localPart)) {
    return 'Password must not contain the email address.';
  }
  if (lower.includes('plaster')) return 'Password must not contain the name of the app.';
  return null;
}
