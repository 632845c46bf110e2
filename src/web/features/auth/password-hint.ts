import { MIN_PASSWORD_LENGTH } from '../../../shared/password-policy';

export const passwordPolicyHint =
  `At least ${MIN_PASSWORD_LENGTH} characters, and not a common password, the email address ` +
  'or the word “plaster”. Three or four unrelated words make a strong password that is easy ' +
  'to remember.';
