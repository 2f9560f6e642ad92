// @leerplein/db/experts — the experts directory (ADR 048): a person's own entry (read, saved, paused or resumed, deleted) and the concern-wide directory through expert_directory().
export { deleteExpert, getOwnExpert, knownExpertChoices, listExpertChoices, saveExpert, searchExpertDirectory, setExpertPause } from '../queries/experts.ts'
export type { DirectoryExpert, ExpertDirectoryInput, ExpertFields, OwnExpertEntry } from '../queries/experts.ts'
