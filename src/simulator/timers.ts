// Node's timers count to 2^31 - 1 ms (about 24.8 days): a longer delay is not an error there, it
// fires at once. Every wait a user gives the simulator (a scenario's durations, a fault's delay, a
// secure pause) is held to this bound where it comes in, with this message.

export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The bound in words, for error messages. */
export const MAX_TIMER_TEXT = `${MAX_TIMER_MS} ms (about 24.8 days)`;
