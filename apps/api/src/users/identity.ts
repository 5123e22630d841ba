/** A person as a sign-in provider vouches for them: who they are there, and what they are called. */
export interface Identity {
  provider: string;
  subject: string;
  email: string;
  name: string;
  picture: string | null;
}
