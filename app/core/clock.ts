/**
 * Where a service reads the time. Services and routes take `now` from the context's clock, never
 * from `new Date()`, so tests can set the time instead of waiting for it.
 */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
