import { SingleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('gives callers that arrive while a computation runs the same answer, computed once', async () => {
    const flight = new SingleFlight<number>();
    const pending = deferred<number>();
    const compute = jest.fn(() => pending.promise);
    const first = flight.run(compute);
    const second = flight.run(compute);
    pending.resolve(42);
    await expect(Promise.all([first, second])).resolves.toEqual([42, 42]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes afresh once the last computation has settled', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    await expect(flight.run(async () => ++calls)).resolves.toBe(1);
    await expect(flight.run(async () => ++calls)).resolves.toBe(2);
  });

  it('shares a failure with the callers waiting for it, and does not keep it', async () => {
    const flight = new SingleFlight<number>();
    const pending = deferred<number>();
    const first = flight.run(() => pending.promise);
    const second = flight.run(() => Promise.resolve(0));
    pending.reject(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await expect(second).rejects.toThrow('database gone');
    await expect(flight.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
