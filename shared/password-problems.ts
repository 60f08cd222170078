/**
 * Why a new password was refused, by code, in the API's English (server/access/passwords.ts
 * checks them; the client shows each in its reader's language by its code, and the server's
 * sentence for a code it does not know).
 */
export const MIN_PASSWORD_LENGTH = 10;

export const PASSWORD_PROBLEMS = {
  tooShort: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  initial: 'Choose a new password, not the one-time password you were given.',
  username: 'Do not use your username in your password.',
  name: 'Do not use your name in your password.',
  reused: 'Choose a password you have not used before.',
  weak: 'This password is too easy to guess. Add more words or make it longer.',
  wrongCurrent: 'The current password is not right.',
  tooManyAttempts: 'Too many failed attempts. Try again later.',
  // zxcvbn's warnings are keys (its English lives in @zxcvbn-ts/language-en, which we do
  // not ship); these are our own wording, each telling the user what to change.
  'zxcvbn.straightRow': 'Straight rows of keys are easy to guess. Use words instead.',
  'zxcvbn.keyPattern': 'Keyboard patterns are easy to guess. Use words instead.',
  'zxcvbn.simpleRepeat': 'Repeated characters like "aaa" are easy to guess. Avoid repeats.',
  'zxcvbn.extendedRepeat': 'Repeated patterns like "abcabc" are easy to guess. Avoid repeats.',
  'zxcvbn.sequences': 'Sequences like "abc" or "1234" are easy to guess. Avoid them.',
  'zxcvbn.recentYears': 'Recent years are easy to guess. Leave them out.',
  'zxcvbn.dates': 'Dates are easy to guess. Leave them out.',
  'zxcvbn.topTen': 'This is one of the most used passwords. Choose another.',
  'zxcvbn.topHundred': 'This is a very commonly used password. Choose another.',
  'zxcvbn.common': 'This is a commonly used password. Choose another.',
  'zxcvbn.similarToCommon': 'This is too close to a commonly used password. Choose another.',
  'zxcvbn.wordByItself': 'A single word is easy to guess. Use several unrelated words.',
  'zxcvbn.namesByThemselves': 'Names on their own are easy to guess. Add unrelated words.',
  'zxcvbn.commonNames': 'Common names are easy to guess. Add unrelated words.',
  'zxcvbn.userInputs': 'Do not use personal details such as your name or username.',
  'zxcvbn.pwned': 'This password has appeared in a data breach. Choose another.',
} as const;

export type PasswordProblemCode = keyof typeof PASSWORD_PROBLEMS;

/** A problem's sentence -> its code; undefined for a sentence that has none. */
const CODE_OF: ReadonlyMap<string, PasswordProblemCode> = new Map(
  (Object.entries(PASSWORD_PROBLEMS) as [PasswordProblemCode, string][]).map(([code, text]) => [text, code]),
);

export function passwordProblemCode(sentence: string): PasswordProblemCode | undefined {
  return CODE_OF.get(sentence);
}
