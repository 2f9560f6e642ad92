export * from './difference-in-differences.ts'
export * from './effect-verdict.ts'
export * from './student-t.ts'
export * from './evaluation.ts'
