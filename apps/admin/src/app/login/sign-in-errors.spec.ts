import { SIGN_IN_ERRORS } from '@vip/shared-dto';
import { signInErrorMessage } from './sign-in-errors';

describe('signInErrorMessage', () => {
  it('has its own readable sentence for every code of the contract', () => {
    const sentences = SIGN_IN_ERRORS.map((code) => signInErrorMessage(code));
    expect(new Set(sentences).size).toBe(SIGN_IN_ERRORS.length);
    for (const [i, sentence] of sentences.entries()) {
      expect(sentence).toMatch(/^[A-Z].*\.$/);
      expect(sentence).not.toContain(SIGN_IN_ERRORS[i]);
    }
  });

  it('says something generic for an unknown code and nothing without one', () => {
    expect(signInErrorMessage('weird')).toBe(
      'Sign-in did not complete. Please try again.',
    );
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
