/**
 * Concurrent callers share one computation: while it runs, every new caller gets its
 * promise; once it has settled (value or error), the next call starts afresh. Ten
 * administrators opening the dashboard at once cost the database one set of queries,
 * not ten, and every answer is at most one computation old.
 */
export class SingleFlight<T> {
  private running?: Promise<T>;

  run(compute: () => Promise<T>): Promise<T> {
    if (!this.running) {
      const running = compute().finally(() => {
        if (this.running === running) this.running = undefined;
      });
      this.running = running;
    }
    return this.running;
  }
}
