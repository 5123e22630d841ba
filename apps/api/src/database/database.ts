import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * What runs SQL: the database itself, or one transaction of it. Every query answers its
 * rows, whatever the statement (SELECT, INSERT/UPDATE/DELETE … RETURNING, or none).
 */
export interface Sql {
  query<T extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** A named statement: each pooled connection parses and plans it once (the hot path). */
  prepared<T extends QueryResultRow = QueryResultRow>(
    name: string,
    text: string,
    values?: readonly unknown[],
  ): Promise<T[]>;
}

/** One transaction in progress. Services get it from `Database.transaction` and pass it to repositories. */
export interface Transaction extends Sql {
  readonly inTransaction: true;
}

export interface DatabaseOptions {
  /** Statements slower than this are logged with their SQL text (never their parameters). */
  slowQueryMs?: number;
}

type Runner = Pick<Pool | PoolClient, 'query'>;

/**
 * The one way to the database: a `pg` pool, queries that answer rows, and transactions.
 * TypeORM is kept for what it is good at here, the entities and the migrations.
 */
@Injectable()
export class Database implements Sql, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly slowQueryMs: number;

  constructor(
    readonly pool: Pool,
    options: DatabaseOptions = {},
  ) {
    this.slowQueryMs = options.slowQueryMs ?? Infinity;
    // An idle connection the server drops (restart, failover) must not crash the process;
    // the pool replaces it on the next checkout.
    pool.on('error', (error) => this.logger.warn(`Idle database connection lost: ${error.message}`));
  }

  query<T extends QueryResultRow = QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return this.run<T>(this.pool, { text, values: values as unknown[] });
  }

  prepared<T extends QueryResultRow = QueryResultRow>(
    name: string,
    text: string,
    values: readonly unknown[] = [],
  ): Promise<T[]> {
    return this.run<T>(this.pool, { name, text, values: values as unknown[] });
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new ClientTransaction(client, (runner, query) => this.run(runner, query)));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that could not even roll back is discarded, not reused.
      client.release(broken);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  private async run<T extends QueryResultRow>(runner: Runner, query: QueryConfig): Promise<T[]> {
    const started = performance.now();
    try {
      return ((await runner.query<T>(query)) as QueryResult<T>).rows;
    } finally {
      const durationMs = performance.now() - started;
      if (durationMs > this.slowQueryMs) {
        this.logger.warn({
          msg: 'slow query',
          durationMs: Math.round(durationMs),
          sql: query.text.replace(/\s+/g, ' ').trim(),
        });
      }
    }
  }
}

class ClientTransaction implements Transaction {
  readonly inTransaction = true;

  constructor(
    private readonly client: PoolClient,
    private readonly run: <T extends QueryResultRow>(runner: Runner, query: QueryConfig) => Promise<T[]>,
  ) {}

  query<T extends QueryResultRow = QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return this.run<T>(this.client, { text, values: values as unknown[] });
  }

  prepared<T extends QueryResultRow = QueryResultRow>(
    name: string,
    text: string,
    values: readonly unknown[] = [],
  ): Promise<T[]> {
    return this.run<T>(this.client, { name, text, values: values as unknown[] });
  }
}
