export * from './report-figures.ts'
