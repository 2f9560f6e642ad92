import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgPolicy, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { users } from './people.ts'
import { appIsConcernAdmin, publicReadPolicy } from './tenancy.ts'

// Catalogue search (issue 4, ADR 010): the synonym list, the word list for typo tolerance and
// "did you mean", and the version that keys the search cache. All concern-wide, all public to read.

/** A concern administrator may write. */
const isConcernAdmin = appIsConcernAdmin

/**
 * Abbreviations and synonyms (AVG, BIO, Woo, P&O…): a search for `term` also finds each of
 * its `expansions`, and each expansion finds the term. Both stored normalised (lower case, no accents).
 */
export const searchSynonyms = pgTable(
	'search_synonyms',
	{
		id: id(),
		term: text().notNull().unique(),
		expansions: text().array().notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		check('search_synonyms_term_not_empty', sql`length(${t.term}) between 1 and 60`),
		check('search_synonyms_has_expansions', sql`cardinality(${t.expansions}) between 1 and 10`),
		publicReadPolicy('search_synonyms'),
		pgPolicy('search_synonyms_concern_admin', { for: 'all', using: isConcernAdmin, withCheck: isConcernAdmin }),
	],
)

/**
 * The words of the published, concern-wide catalogue (lower case, no accents) with their Dutch
 * stem: a query word whose stem is unknown is matched to the nearest word by trigrams. Only
 * concern-wide courses contribute, so a suggestion never reveals a course some unit may not see.
 */
export const searchWords = pgTable(
	'search_words',
	{
		word: text().primaryKey(),
		lexeme: text().notNull(),
		documents: integer().notNull().default(1),
	},
	(t) => [
		// Is this stem in the catalogue at all?
		index().on(t.lexeme),
		// The nearest known word to a typo.
		index('search_words_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops')),
		publicReadPolicy('search_words'),
	],
)

/**
 * The clauses of the published, concern-wide catalogue (title, each keyword, the parts of summary
 * and description between punctuation; lower case, no accents) that have two or more words: the
 * portal learns from them which acronyms the catalogue spells out ("mkba" ↔ "maatschappelijke
 * kosten-batenanalyse", issue 16). Kept with `search_words`, by the same triggers.
 */
export const searchPhrases = pgTable(
	'search_phrases',
	{
		phrase: text().primaryKey(),
		documents: integer().notNull().default(1),
	},
	() => [publicReadPolicy('search_phrases')],
)

/** One row: bumped by every change that can alter a search result, so cached results key on it. */
export const catalogueSearchState = pgTable(
	'catalogue_search_state',
	{
		id: smallint().primaryKey().default(1),
		version: bigint({ mode: 'number' }).notNull().default(1),
	},
	(t) => [check('catalogue_search_state_one_row', sql`${t.id} = 1`), publicReadPolicy('catalogue_search_state')],
)

/**
 * Search analytics (issue 16, ADR 037): per Dutch day and normalised query, how often it was asked,
 * how often it found nothing, how often only some of its words, and how many results it found
 * last. Nothing personal: no person, no unit, no address, no time of day. Written only through
 * `record_search_query()` (security definer, as anyone who searches, visitors too); read only by
 * the concern administrator.
 */
export const searchQueryStats = pgTable(
	'search_query_stats',
	{
		day: date({ mode: 'string' }).notNull(),
		query: text().notNull(),
		searches: integer().notNull().default(1),
		zeroResults: integer().notNull().default(0),
		partialMatches: integer().notNull().default(0),
		lastResultCount: integer().notNull().default(0),
	},
	(t) => [
		primaryKey({ columns: [t.day, t.query] }),
		check('search_query_stats_query_length', sql`length(${t.query}) between 1 and 100`),
		pgPolicy('search_query_stats_concern_admin_read', { for: 'select', using: isConcernAdmin }),
	],
)
