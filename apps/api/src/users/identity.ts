/** A person as a sign-in provider vouches for them: who they are there, and what they are called. */
export interface Identity {
  provider: string;
  subject: string;
  email: string;
  name: string;
  picture: string | null;
  /** Google's `hd` claim (the Workspace domain that vouches for the email); null without one. */
  hostedDomain?: string | null;
}
