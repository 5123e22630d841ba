/**
 * Generated from libs/api-client/openapi.json by openapi-typescript: do not edit; run `npm run openapi`.
 */
export interface paths {
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness (same as /api/health/ready) */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: 200 while the process runs, whatever the database does */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers and no migration is pending */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; in production 404 while it is unset.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List audit events: newest first, filtered, paged */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download audit events as CSV (same filters, no paging)
     * @description RFC 4180; cells a spreadsheet would run as a formula are prefixed with `'`. Streamed newest first.
     */
    get: operations['exportAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List users: paged, searched, filtered by role and status, sorted */
    get: operations['listUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Numbers about people
     * @description Counts by role; sign-ins per UTC day (last 30 days); new accounts per week (last 12 weeks); accounts without a sign-in for 30+ days.
     */
    get: operations['getUserStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A person's timeline: audit events where they acted or were acted on, newest first */
    get: operations['getUserActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one user by email */
    get: operations['getUser'];
    put?: never;
    post?: never;
    /**
     * Delete a user and end their sessions
     * @description Refused with 409 when it would leave no active administrator.
     */
    delete: operations['deleteUser'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/role': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a user's role
     * @description Refused with 409 when it would leave no active administrator.
     */
    patch: operations['changeUserRole'];
    trace?: never;
  };
  '/api/auth/users/{email}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Disable an account
     * @description All that person's sessions end in the same transaction; their tokens get 401 and Google sign-in is refused. 409 for yourself, or when it would leave no active administrator.
     */
    post: operations['disableUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Enable a disabled account
     * @description 409 for a pending account (approve or reject it).
     */
    post: operations['enableUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a pending account with a role
     * @description 409 when the account is not pending.
     */
    post: operations['approveUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a pending account
     * @description The account is removed. 409 when it is not pending.
     */
    post: operations['rejectUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{email}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A person's live sessions */
    get: operations['listUserSessions'];
    put?: never;
    post?: never;
    /** End every session of a person (sign them out everywhere) */
    delete: operations['revokeUserSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The sign-up policy and the default role of new accounts */
    get: operations['getSettings'];
    /**
     * Change the settings
     * @description Recorded as `settings.changed` with before and after.
     */
    put: operations['updateSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List invitations: paged, searched by email, filtered by state, sorted (newest first by default) */
    get: operations['listInvitations'];
    put?: never;
    /**
     * Invite an email with a role
     * @description When that verified email signs in, its account is created active with this role, whatever the domains and sign-up policy. 409 when the email has an account or a live invitation.
     */
    post: operations['createInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/invitations/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import a roster (CSV, at most 1,000 rows)
     * @description Body: `text/csv`, UTF-8, header `email,role` or `email,role,name`. Every row is checked (email, role, duplicates, formula-looking cells, existing accounts and live invitations). Any bad row: 400 with every row's verdict, nothing written. Otherwise all rows are written in one transaction; `dryRun=true` only previews.
     */
    post: operations['importRoster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/invitations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an invitation
     * @description It is kept, as `revoked`. 409 when it was already accepted.
     */
    delete: operations['revokeInvitation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List API tokens, newest first (revoked ones too) */
    get: operations['listApiTokens'];
    put?: never;
    /**
     * Create an API token
     * @description Answers the secret (`vipc_…`) this once; only its SHA-256 hash is stored. Recorded as `token.created`.
     */
    post: operations['createApiToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API token
     * @description Its next request gets 401, on every instance. It stays listed, with `revokedAt`.
     */
    delete: operations['revokeApiToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhook endpoints, oldest first */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Register a webhook endpoint for some events
     * @description Answers the signing secret (`whsec_…`) once; it is never shown again. Events are audit actions about accounts, sessions, invitations and settings. Recorded as `webhook.created`.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a webhook endpoint
     * @description Its pending events and delivery log go with it. Recorded as `webhook.deleted`.
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /**
     * Change the URL, events, description, or switch an endpoint on or off
     * @description Enabling clears a failure state. Recorded as `webhook.changed` with before and after.
     */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/api/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint's delivery log: every attempt, newest first */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a test event (`webhook.test`) to an endpoint
     * @description Queued behind what is pending for the endpoint; its attempts appear in the delivery log. 409 when disabled.
     */
    post: operations['sendTestWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send the event of a delivery again
     * @description Same event id (`webhook-id`) and body, queued behind what is pending for the endpoint. 404 when the delivery is not of this endpoint; 409 when the endpoint is disabled.
     */
    post: operations['redeliverWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which sign-in methods the console may offer */
    get: operations['getAuthConfig'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/google': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Start a Google sign-in: redirect to Google's consent page (state + PKCE S256) */
    get: operations['signInWithGoogle'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/google/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Finish a Google sign-in
     * @description Success: sets the session cookie, redirects to ADMIN_URL. Failure: redirects to ADMIN_URL + `login?error=<code>` (`account_disabled`, `not_invited`, `domain_not_allowed`, …).
     */
    get: operations['finishGoogleSignIn'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Trade the session cookie for an access token
     * @description Rotates the cookie. The request's `Origin` must be ADMIN_URL's origin. The cookie a refresh replaced still works for 30 s (answered without a new cookie); used later, it revokes the session. A refused refresh leaves the cookie alone.
     */
    post: operations['refreshAccessToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the session and clear its cookie */
    post: operations['signOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/dev-login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in without Google (development only)
     * @description Exists only while dev sign-in is on, never in production; otherwise 404.
     */
    post: operations['devSignIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in caller
     * @description Answers pending accounts too (their `status` says they wait for approval).
     */
    get: operations['getCurrentUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My sessions, most recently used first; `current` marks this one */
    get: operations['listMySessions'];
    put?: never;
    post?: never;
    /** Sign out everywhere else: end every session of mine but this one */
    delete: operations['revokeMyOtherSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End one of my sessions
     * @description 404 when it is not one of the caller's live sessions.
     */
    delete: operations['revokeMySession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description Stable and machine-readable: branch on it, not on `message`. Several codes may share one status.
     * @enum {string}
     */
    ErrorCode:
      | 'VALIDATION'
      | 'UNAUTHENTICATED'
      | 'FORBIDDEN'
      | 'NOT_FOUND'
      | 'CONFLICT'
      | 'LAST_ADMINISTRATOR'
      | 'PAYLOAD_TOO_LARGE'
      | 'UNSUPPORTED_MEDIA_TYPE'
      | 'UNAVAILABLE'
      | 'INTERNAL';
    ApiErrorResponse: {
      /** @example 409 */
      statusCode: number;
      /** @example Conflict */
      error: string;
      /** @example At least one administrator must remain: this change would leave none */
      message: string;
      /**
       * @description Stable and machine-readable: branch on it, not on `message`. Several codes may share one status.
       * @example LAST_ADMINISTRATOR
       */
      code?: components['schemas']['ErrorCode'];
      /**
       * @description Correlates the response with the server log
       * @example req-1f
       */
      requestId?: string;
    };
    /** @enum {string} */
    AuditAction:
      | 'user.signed_in'
      | 'user.sign_in_refused'
      | 'user.first_administrator'
      | 'user.role_changed'
      | 'user.deleted'
      | 'user.signed_out'
      | 'session.reuse_detected'
      | 'user.disabled'
      | 'user.enabled'
      | 'user.access_requested'
      | 'user.approved'
      | 'user.rejected'
      | 'user.sessions_revoked'
      | 'invitation.created'
      | 'invitation.revoked'
      | 'invitation.accepted'
      | 'settings.changed'
      | 'token.created'
      | 'token.revoked'
      | 'webhook.created'
      | 'webhook.changed'
      | 'webhook.deleted';
    AuditActorTokenResponse: {
      /** Format: uuid */
      id: string;
      /**
       * @description As it was at the time
       * @example HR sync
       */
      name: string;
      /**
       * @description The first 12 characters of the secret
       * @example vipc_Ab3dE9x
       */
      prefix: string;
    };
    AuditEventResponse: {
      /**
       * @description Increasing; a string, as it is a 64-bit integer
       * @example 1042
       */
      id: string;
      /**
       * Format: date-time
       * @example 2026-12-01T08:15:30.000Z
       */
      occurredAt: string;
      /** @example user.role_changed */
      action: components['schemas']['AuditAction'];
      /**
       * Format: uuid
       * @example 0b6f3c1e-8f2a-4c8e-9a53-2f1d6c7e4b10
       */
      actorId: string | null;
      /**
       * @description As it was at the time
       * @example ada@example.com
       */
      actorEmail: string | null;
      /** @description The API token that acted; then `actorId` and `actorEmail` are null */
      actorToken: components['schemas']['AuditActorTokenResponse'] | null;
      /**
       * Format: uuid
       * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
       */
      targetId: string | null;
      /**
       * @description As it was at the time
       * @example grace@example.com
       */
      targetEmail: string | null;
      /**
       * @description Before and after values; for `user.sign_in_refused`, `{ reason, email }`
       * @example {
       *       "before": {
       *         "role": "coordinator"
       *       },
       *       "after": {
       *         "role": "driver"
       *       }
       *     }
       */
      details: {
        [key: string]: unknown;
      };
      /** @example req-1f */
      requestId: string | null;
      /** @example 203.0.113.7 */
      ip: string | null;
      /** @example Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 */
      userAgent: string | null;
    };
    AuditEventPageResponse: {
      items: components['schemas']['AuditEventResponse'][];
      /**
       * @description Number of events matching the filter; exact unless `totalExact` is false, when more than 10,000 match and this is 10,000
       * @example 42
       */
      total: number;
      /**
       * @description On the audit log: false when more than 10,000 events match (`total` is then a lower bound, shown as "10,000+"); a person's timeline is always exact
       * @example true
       */
      totalExact?: boolean;
      /**
       * @description 1-based
       * @example 1
       */
      page: number;
      /** @example 25 */
      pageSize: number;
    };
    /** @enum {string} */
    Role: 'administrator' | 'coordinator' | 'driver';
    /** @enum {string} */
    UserStatus: 'active' | 'pending' | 'disabled';
    UserResponse: {
      /**
       * Format: uuid
       * @example 0b6f3c1e-8f2a-4c8e-9a53-2f1d6c7e4b10
       */
      id: string;
      /**
       * @description Lower-case; unique case-insensitively
       * @example ada@example.com
       */
      email: string;
      /** @example Ada Lovelace */
      name: string;
      /** @example https://lh3.googleusercontent.com/a/photo */
      picture: string | null;
      /** @example coordinator */
      role: components['schemas']['Role'];
      /** @example google */
      provider: string;
      /**
       * Format: date-time
       * @example 2026-09-14T08:30:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-11-30T16:05:12.000Z
       */
      updatedAt: string;
      /**
       * Format: date-time
       * @example 2026-12-01T07:58:41.000Z
       */
      lastSignInAt: string | null;
      /**
       * @description `pending`: waits for approval; `disabled`: may not sign in
       * @example active
       */
      status: components['schemas']['UserStatus'];
    };
    UserPageResponse: {
      items: components['schemas']['UserResponse'][];
      /**
       * @description Number of users matching the filter; exact unless `totalExact` is false, when a search matches more than 10,000 and this is 10,000
       * @example 42
       */
      total: number;
      /**
       * @description False when a search matches more than 10,000 users: `total` is then a lower bound (shown as "10,000+")
       * @example true
       */
      totalExact: boolean;
      /**
       * @description 1-based
       * @example 1
       */
      page: number;
      /** @example 25 */
      pageSize: number;
    };
    RoleCountResponse: {
      /** @example administrator */
      role: components['schemas']['Role'];
      /** @example 3 */
      count: number;
    };
    DailyCountResponse: {
      /**
       * @description UTC day
       * @example 2026-11-30
       */
      date: string;
      /** @example 12 */
      count: number;
    };
    WeeklyCountResponse: {
      /**
       * @description Monday (UTC) the week begins
       * @example 2026-11-24
       */
      weekStart: string;
      /** @example 2 */
      count: number;
    };
    DormantAccountResponse: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      name: string;
      /**
       * Format: date-time
       * @description null: never signed in
       * @example 2026-09-30T12:00:00.000Z
       */
      lastSignInAt: string | null;
    };
    DormantAccountsResponse: {
      /**
       * @description Accounts without a sign-in for 30 days or more
       * @example 4
       */
      count: number;
      /** @description Up to 20, longest dormant first */
      items: components['schemas']['DormantAccountResponse'][];
    };
    UserStatsResponse: {
      /**
       * Format: date-time
       * @example 2026-12-01T08:00:00.000Z
       */
      generatedAt: string;
      /** @description Every role, also those nobody has */
      roles: components['schemas']['RoleCountResponse'][];
      /** @description The last 30 UTC days, oldest first */
      signInsPerDay: components['schemas']['DailyCountResponse'][];
      /** @description The last 12 weeks (Monday–Sunday, UTC), oldest first */
      newAccountsPerWeek: components['schemas']['WeeklyCountResponse'][];
      dormant: components['schemas']['DormantAccountsResponse'];
    };
    UpdateRoleBody: {
      /** @example driver */
      role: components['schemas']['Role'];
    };
    SessionResponse: {
      /**
       * Format: uuid
       * @example 5d2e7a90-3b1c-4f6e-8d4a-9c0b1e2f3a4b
       */
      id: string;
      /**
       * Format: date-time
       * @example 2026-11-30T09:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description Last sign-in or refresh
       * @example 2026-12-01T08:45:00.000Z
       */
      lastUsedAt: string;
      /**
       * Format: date-time
       * @example 2026-12-30T09:00:00.000Z
       */
      expiresAt: string;
      /**
       * @description Browser (User-Agent) that signed in
       * @example Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0
       */
      userAgent: string | null;
      /** @example 203.0.113.7 */
      ip: string | null;
      /**
       * @description The session of the caller's own access token
       * @example true
       */
      current: boolean;
    };
    /**
     * @description `open`: a new verified account becomes active with the default role; `approval`: it waits, pending, for an administrator; `invitation`: only invited emails may sign up
     * @enum {string}
     */
    SignUpPolicy: 'open' | 'approval' | 'invitation';
    /**
     * @description Role of accounts created by signing up (invitations carry their own)
     * @enum {string}
     */
    DefaultRole: 'coordinator' | 'driver';
    SettingsDto: {
      /**
       * @description `open`: a new verified account becomes active with the default role; `approval`: it waits, pending, for an administrator; `invitation`: only invited emails may sign up
       * @example approval
       */
      signUpPolicy: components['schemas']['SignUpPolicy'];
      /**
       * @description Role of accounts created by signing up (invitations carry their own)
       * @example coordinator
       */
      defaultRole: components['schemas']['DefaultRole'];
    };
    /** @enum {string} */
    InvitationState: 'pending' | 'accepted' | 'expired' | 'revoked';
    InviterResponse: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      name: string;
    };
    InvitationResponse: {
      /**
       * Format: uuid
       * @example 7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
       */
      id: string;
      /** @example driver@gmail.com */
      email: string;
      /** @example driver */
      role: components['schemas']['Role'];
      /** @example pending */
      state: components['schemas']['InvitationState'];
      /** @description null when the inviter was deleted */
      invitedBy: components['schemas']['InviterResponse'] | null;
      /**
       * Format: date-time
       * @example 2026-11-30T10:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-12-14T10:00:00.000Z
       */
      expiresAt: string;
      /** Format: date-time */
      acceptedAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
    };
    InvitationPageResponse: {
      items: components['schemas']['InvitationResponse'][];
      /** @example 42 */
      total: number;
      /**
       * @description 1-based
       * @example 1
       */
      page: number;
      /** @example 25 */
      pageSize: number;
    };
    CreateInvitationBody: {
      /**
       * @description The exact email that may sign in; stored lower-case
       * @example driver@gmail.com
       */
      email: string;
      /** @example driver */
      role: components['schemas']['Role'];
      /**
       * @default 14
       * @example 7
       */
      expiresInDays: number;
    };
    ImportRowResponse: {
      /**
       * @description Line of the file (the header is line 1)
       * @example 2
       */
      line: number;
      /** @example driver@gmail.com */
      email: string;
      /** @example driver */
      role: string;
      /**
       * @description What is wrong with the row; absent when it is fine
       * @example unknown role "pilot"
       */
      error?: string;
    };
    ImportResultResponse: {
      rows: components['schemas']['ImportRowResponse'][];
      /**
       * @description Invitations written (0 for a preview)
       * @example 12
       */
      created: number;
    };
    ApiTokenCreatorResponse: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      name: string;
    };
    ApiTokenResponse: {
      /** Format: uuid */
      id: string;
      /** @example HR sync */
      name: string;
      /**
       * @description The first 12 characters of the secret
       * @example vipc_Ab3dE9x
       */
      prefix: string;
      scopes: ('users:read' | 'users:write' | 'audit:read')[];
      /** @description null once that account is deleted */
      createdBy: components['schemas']['ApiTokenCreatorResponse'] | null;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description To the minute
       */
      lastUsedAt: string | null;
      /**
       * Format: date-time
       * @description null: never expires
       */
      expiresAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
    };
    CreateApiTokenBody: {
      /**
       * @description What the token is for
       * @example HR sync
       */
      name: string;
      /**
       * @example [
       *       "users:read"
       *     ]
       */
      scopes: ('users:read' | 'users:write' | 'audit:read')[];
      /**
       * @description Days until it expires; absent or null: never
       * @enum {number|null}
       */
      expiresInDays?: 30 | 90 | 365 | null;
    };
    CreatedApiTokenResponse: {
      token: components['schemas']['ApiTokenResponse'];
      /**
       * @description Shown only here: send it as `Authorization: Bearer vipc_…`
       * @example vipc_Ab3dE9xQ2mT7kL0pR5sV8wY1zC4fH6jN9bG3dK7eM2a
       */
      secret: string;
    };
    WebhookResponse: {
      /** Format: uuid */
      id: string;
      /** @example https://hooks.example.com/vip */
      url: string;
      /** @example Payroll sync */
      description: string;
      events: (
        | 'user.signed_in'
        | 'user.sign_in_refused'
        | 'user.first_administrator'
        | 'user.role_changed'
        | 'user.deleted'
        | 'user.signed_out'
        | 'session.reuse_detected'
        | 'user.disabled'
        | 'user.enabled'
        | 'user.access_requested'
        | 'user.approved'
        | 'user.rejected'
        | 'user.sessions_revoked'
        | 'invitation.created'
        | 'invitation.revoked'
        | 'invitation.accepted'
        | 'settings.changed'
      )[];
      enabled: boolean;
      /**
       * @description `manual`: an administrator disabled it; `failing`: every delivery failed for 24 hours
       * @enum {string|null}
       */
      disabledReason: 'manual' | 'failing' | null;
      /** Format: date-time */
      disabledAt: string | null;
      /**
       * Format: date-time
       * @description Start of the current run of failed deliveries; null while they succeed
       */
      failingSince: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    CreateWebhookBody: {
      /**
       * @description HTTPS. Loopback, private and link-local addresses (and http://) only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true
       * @example https://hooks.example.com/vip
       */
      url: string;
      /**
       * @example [
       *       "user.role_changed",
       *       "invitation.created"
       *     ]
       */
      events: (
        | 'user.signed_in'
        | 'user.sign_in_refused'
        | 'user.first_administrator'
        | 'user.role_changed'
        | 'user.deleted'
        | 'user.signed_out'
        | 'session.reuse_detected'
        | 'user.disabled'
        | 'user.enabled'
        | 'user.access_requested'
        | 'user.approved'
        | 'user.rejected'
        | 'user.sessions_revoked'
        | 'invitation.created'
        | 'invitation.revoked'
        | 'invitation.accepted'
        | 'settings.changed'
      )[];
      /** @example Payroll sync */
      description?: string;
    };
    CreatedWebhookResponse: {
      webhook: components['schemas']['WebhookResponse'];
      /**
       * @description Shown only here
       * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
       */
      secret: string;
    };
    UpdateWebhookBody: {
      /** @example https://hooks.example.com/vip */
      url?: string;
      events?: (
        | 'user.signed_in'
        | 'user.sign_in_refused'
        | 'user.first_administrator'
        | 'user.role_changed'
        | 'user.deleted'
        | 'user.signed_out'
        | 'session.reuse_detected'
        | 'user.disabled'
        | 'user.enabled'
        | 'user.access_requested'
        | 'user.approved'
        | 'user.rejected'
        | 'user.sessions_revoked'
        | 'invitation.created'
        | 'invitation.revoked'
        | 'invitation.accepted'
        | 'settings.changed'
      )[];
      description?: string;
      /** @description `true` also clears a failure state (`disabledReason: failing`) */
      enabled?: boolean;
    };
    WebhookDeliveryResponse: {
      /** Format: uuid */
      id: string;
      /**
       * @description The `webhook-id` header, the same on every attempt
       * @example msg_1042
       */
      eventId: string;
      /** @example user.role_changed */
      type: string;
      /** @example 1 */
      attempt: number;
      /** @example 200 */
      statusCode: number | null;
      ok: boolean;
      /** @example 120 */
      durationMs: number;
      /** @example null */
      error: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    WebhookDeliveryPageResponse: {
      items: components['schemas']['WebhookDeliveryResponse'][];
      /** @example 42 */
      total: number;
      /** @example 1 */
      page: number;
      /** @example 25 */
      pageSize: number;
    };
    WebhookQueuedResponse: {
      /** @example msg_test_3f2a9c0d1e4b5a6c7d8e9f00 */
      eventId: string;
    };
    AuthConfigResponseDto: {
      /**
       * @description Google sign-in is configured
       * @example true
       */
      google: boolean;
      /**
       * @description Dev sign-in is on (never in production)
       * @example false
       */
      devLogin: boolean;
    };
    AccessTokenResponseDto: {
      /**
       * @description Bearer token for `Authorization` (HS256 JWT)
       * @example eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiIuLi4ifQ.c2lnbmF0dXJl
       */
      accessToken: string;
      /**
       * @description Lifetime of the access token in seconds
       * @example 900
       */
      expiresIn: number;
      user: components['schemas']['UserResponse'];
    };
    DevLoginBody: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      name: string;
    };
  };
  responses: {
    /** @description Too many requests from this caller (RATE_LIMIT_API per minute, RATE_LIMIT_AUTH on the sign-in routes): wait `Retry-After` seconds */
    TooManyRequests: {
      headers: {
        /** @description Seconds to wait */
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ApiErrorResponse'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status: 'ok';
          };
        };
      };
      429: components['responses']['TooManyRequests'];
      /** @description `UNAVAILABLE`: the database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status: 'ok';
          };
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status: 'ok';
          };
        };
      };
      429: components['responses']['TooManyRequests'];
      /** @description `UNAVAILABLE`: the database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
        action?: components['schemas']['AuditAction'];
        /** @description Who acted: exact email, case-insensitive */
        actorEmail?: string;
        /** @description Who was acted on: exact email, case-insensitive */
        targetEmail?: string;
        /** @description Events at or after this time (ISO 8601) */
        from?: string;
        /** @description Events at or before this time (ISO 8601) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPageResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  exportAuditEvents: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
        action?: components['schemas']['AuditAction'];
        /** @description Who acted: exact email, case-insensitive */
        actorEmail?: string;
        /** @description Who was acted on: exact email, case-insensitive */
        targetEmail?: string;
        /** @description Events at or after this time (ISO 8601) */
        from?: string;
        /** @description Events at or before this time (ISO 8601) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV with a header row */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listUsers: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
        /** @description Case-insensitive; surrounding spaces ignored. Three characters or more: any part of the name or email. One or two characters: the start of a word of the name or of the email (words are runs of letters and digits; the top-level domain is not a word), e.g. `lo` finds "Ada Lovelace" and "x@logistics.example.com". */
        search?: string;
        role?: components['schemas']['Role'];
        status?: components['schemas']['UserStatus'];
        /** @description Prefix with `-` for descending order */
        sort?:
          | 'email'
          | '-email'
          | 'name'
          | '-name'
          | 'role'
          | '-role'
          | 'createdAt'
          | '-createdAt'
          | 'lastSignInAt'
          | '-lastSignInAt'
          | 'status'
          | '-status';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getUserStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserStatsResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getUserActivity: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
      };
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPageResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  changeUserRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRoleBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  disableUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  enableUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  approveUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRoleBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  rejectUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Rejected and removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listUserSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'][];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeUserSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Matched case-insensitively */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every session ended */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsDto'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  updateSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsDto'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listInvitations: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
        /** @description Part of the email, case-insensitive */
        search?: string;
        state?: components['schemas']['InvitationState'];
        /** @description Prefix with `-` for descending order */
        sort?: 'email' | '-email' | 'createdAt' | '-createdAt' | 'expiresAt' | '-expiresAt';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationPageResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  createInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInvitationBody'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  importRoster: {
    parameters: {
      query?: {
        /** @description `true`: check every row, write nothing */
        dryRun?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'text/csv': string;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE`: the request body is too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE`: the content type is not accepted */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (also when it already was) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listApiTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenResponse'][];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  createApiToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiTokenBody'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiTokenResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeApiToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (also when it already was) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookResponse'][];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookBody'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedWebhookResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWebhookBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description 1-based page number */
        page?: number;
        pageSize?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryPageResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  sendTestWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookQueuedResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  redeliverWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookQueuedResponse'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getAuthConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthConfigResponseDto'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  signInWithGoogle: {
    parameters: {
      query?: {
        /** @description Email to preselect at Google */
        login_hint?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Redirect to the authorization URL */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  finishGoogleSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Redirect to the admin console */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  refreshAccessToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessTokenResponseDto'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out (also when there was no session) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  devSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DevLoginBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessTokenResponseDto'];
        };
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  getCurrentUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listMySessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'][];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeMyOtherSessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The other sessions ended */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeMySession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ended: its access tokens get 401 on their next request */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION`: unknown fields, wrong types or values out of range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      /** @description `NOT_FOUND`: no such resource */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorResponse'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
}
