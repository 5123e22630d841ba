/**
 * In CI only, a failed test runs once more, its first failure printed in full
 * ("logErrorsBeforeRetry"), so a test that fails once on a loaded machine is seen and
 * fixed but does not by itself hold back a change. A real regression fails both runs.
 */
if (process.env['CI']) jest.retryTimes(1, { logErrorsBeforeRetry: true });
