import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Google sign-in in flight: the hashed `state` handle and its PKCE code verifier. */
@Entity({ name: 'oauth_states' })
@Index('oauth_states_expires_at_idx', ['expiresAt'])
export class OAuthStateEntity {
  @PrimaryColumn({ name: 'state_hash', type: 'char', length: 64, primaryKeyConstraintName: 'oauth_states_pkey' })
  stateHash!: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
