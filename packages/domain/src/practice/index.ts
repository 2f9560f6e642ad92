export * from './deck.ts'
export * from './schedule.ts'
export * from './outcomes.ts'
