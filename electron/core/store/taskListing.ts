import { TASK_STATUS_ORDER, promptTextOf, type StatusCounts, type TaskPayload, type TaskKind, type TaskStatus, type TaskSummary } from '@shared/domain';
import { plainTextOf } from '@shared/markdown/plainText';
import { excerptAround, matchRanges } from '@shared/search/highlight';
import type { Db } from './database';
import { toFtsQuery } from './ftsQuery';

export interface TaskFilter {
  kind?: TaskKind;
  project?: string;
  status?: TaskStatus;
  query?: string;
}

/** One window of the inbox: from `offset`, or right after the row whose `cursor` is `after` (keyset). */
export interface TaskWindow {
  offset?: number;
  after?: string;
  /** -1: every row (exports). */
  limit: number;
}

export interface TaskWindowResult {
  tasks: TaskSummary[];
  /** Where tasks[0] stands among all the rows the filter matches. */
  offset: number;
  /** Rows the filter matches, and (outside a search, which is one ranked list) how many have each status. */
  matching: number;
  counts: StatusCounts;
}

interface SummaryRow {
  id: string;
  project: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  source: TaskSummary['source'];
  updated_at: string;
  excerpt: string;
  status_rank: number;
  recency: number;
}

interface SearchRow extends SummaryRow {
  payload_json: string;
  score: number;
}

const EXCERPT_LENGTH = 200;
/** The index covers this much of each prompt (FTS_PROMPT_CHARS): a match is looked for in the same text. */
const SEARCHED_PROMPT_CHARS = 8192;

const SUMMARY_COLUMNS = `t.id, t.project, t.kind, t.title, s.status, t.source, t.excerpt, s.status_rank, s.recency,
  max(t.received_at, s.updated_at) AS updated_at`;

const emptyCounts = (): StatusCounts => ({ new: 0, in_progress: 0, submitted: 0, returned: 0, accepted: 0 });

/** The keyset of a row in inbox order: status rank, recency (minus epoch ms), id. */
const inboxCursor = (row: SummaryRow): string => JSON.stringify([row.status_rank, row.recency, row.id]);
const parseInboxCursor = (cursor: string): [number, number, string] | null => {
  try {
    const value: unknown = JSON.parse(cursor);
    if (Array.isArray(value) && value.length === 3 && Number.isInteger(value[0]) && Number.isInteger(value[1]) && typeof value[2] === 'string') {
      return [value[0] as number, value[1] as number, value[2]];
    }
  } catch {
    // not a cursor of ours: fall back to the offset
  }
  return null;
};

const toSummary = (r: SummaryRow, cursor: string): TaskSummary => ({
  id: r.id,
  project: r.project,
  kind: r.kind,
  title: r.title,
  status: r.status,
  source: r.source,
  updatedAt: r.updated_at,
  excerpt: r.excerpt,
  cursor,
});

const filterClauses = (filter: TaskFilter): { where: string[]; params: Record<string, string | number> } => {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.kind) {
    where.push('t.kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.project) {
    where.push('t.project = @project');
    params.project = filter.project;
  }
  if (filter.status) {
    where.push('s.status_rank = @statusRank');
    params.statusRank = TASK_STATUS_ORDER.indexOf(filter.status);
  }
  return { where, params };
};

const isFtsError = (error: unknown): boolean => error instanceof Error && /fts5/i.test(error.message);

/** The typed words as the index is asked for them: to rank the matches, and for what needs no score (the same rows). */
interface IndexQuery {
  rank: string;
  /** For the count and for the older matches listed after the ranked ones. */
  unscored: string;
}

/** A typed prefix that starts at most this many indexed terms is counted as their OR (see indexQueryOf). */
const EXPANDED_TERMS = 16;

/** A search ranks (bm25) at most this many of its newest matches; older ones follow, newest first (see searchWindow). */
export const RANKED_NEWEST = 10_000;

/**
 * The inbox, one window at a time. Without a search: inbox order (returned, in progress, new, submitted,
 * accepted; newest first; then id) read as a range of the task_state_inbox index, from a keyset cursor when the
 * caller has one (scrolling on) or an offset (a jump). With a search: best matches first (bm25, the title
 * weighted above the prompt; for a word in more than RANKED_NEWEST tasks, among its newest RANKED_NEWEST matches),
 * the excerpt taken around the first match, the matches marked.
 */
export const createTaskListing = (db: Db, options: { rankedNewest?: number } = {}) => {
  const rankedNewest = Math.max(1, options.rankedNewest ?? RANKED_NEWEST);
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = <R>(sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement as ReturnType<typeof db.prepare<[Record<string, string | number>], R>>;
  };

  // Counting 100,000 rows by status costs more than the window itself, and the answer only changes when a row does:
  // total_changes() moves with this connection's writes, data_version with any other connection's.
  const changeCounter = db.prepare<[], number>('SELECT total_changes()').pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const totalChanges = (): number => (changeCounter.get() ?? 0) * 1e6 + (dataVersion.get() ?? 0);
  const countsCache = new Map<string, StatusCounts>();
  let countsAt = -1;

  const countsOf = (filter: TaskFilter): StatusCounts => {
    const changes = totalChanges();
    if (changes !== countsAt) {
      countsCache.clear();
      countsAt = changes;
    }
    const key = JSON.stringify([filter.kind ?? null, filter.project ?? null, filter.status ?? null]);
    const cached = countsCache.get(key);
    if (cached) return cached;
    const { where, params } = filterClauses(filter);
    const needsTask = Boolean(filter.kind || filter.project);
    // Grouped on the inbox index's status rank (TASK_STATUS_ORDER), which covers this count.
    const sql = `SELECT s.status_rank AS rank, count(*) AS n FROM task_state s ${needsTask ? 'JOIN tasks t ON t.id = s.task_id' : ''}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY s.status_rank`;
    const counts = emptyCounts();
    for (const row of prepared<{ rank: number; n: number }>(sql).all(params)) {
      const status = TASK_STATUS_ORDER[row.rank];
      if (status) counts[status] = row.n;
    }
    countsCache.set(key, counts);
    return counts;
  };

  /**
   * How many tasks a search matches: straight from the index when no other filter narrows it. Counting a common
   * word walks all its matches, so the answer is kept until a row changes: scrolling a search, or asking the same
   * words again, does not count again.
   */
  const searchCounts = new Map<string, number>();
  let searchCountsAt = -1;
  const searchMatching = (filter: TaskFilter, match: string): number => {
    const changes = totalChanges();
    if (changes !== searchCountsAt) {
      searchCounts.clear();
      searchCountsAt = changes;
    }
    const key = JSON.stringify([match, filter.kind ?? null, filter.project ?? null, filter.status ?? null]);
    const cached = searchCounts.get(key);
    if (cached !== undefined) return cached;
    const { where, params } = filterClauses(filter);
    params.match = match;
    const n =
      where.length === 0
        ? (prepared<{ n: number }>('SELECT count(*) AS n FROM tasks_fts WHERE tasks_fts MATCH @match').get(params)?.n ?? 0)
        : (prepared<{ n: number }>(
            `SELECT count(*) AS n FROM tasks_fts JOIN tasks t ON t.search_id = tasks_fts.rowid JOIN task_state s ON s.task_id = t.id
             WHERE tasks_fts MATCH @match AND ${where.join(' AND ')}`,
          ).get(params)?.n ?? 0);
    if (searchCounts.size > 64) searchCounts.clear();
    searchCounts.set(key, n);
    return n;
  };

  /**
   * The typed words as the index is best asked for them. The last word is a prefix ("enzyme"*), and FTS5 answers a
   * prefix by merging the lists of every term that starts with it, in each query that asks (twice for bm25, whose idf
   * walks the matches first): 60 ms at 100,000 tasks for two terms in every task. The terms that start the word are
   * looked up on the index's vocabulary, one instance at a time (a common term costs no more than a rare one):
   * - only one: the prefix matches exactly that term's rows, with the same scores, and the term is asked for as it is;
   * - a few: the ranking keeps the prefix (bm25 scores a prefix as one phrase, not as its terms), but what needs no
   *   score (the count, the older matches) asks for the terms one by one ("enzyme" OR "enzymes": the same rows,
   *   without the merge).
   * Plain ASCII words and terms only, whose folding is lower case alone. Kept until a row changes.
   */
  let termFrom: ReturnType<Db['prepare']> | undefined;
  const indexQueries = new Map<string, IndexQuery>();
  let indexQueriesAt = -1;
  const indexQueryOf = (match: string): IndexQuery => {
    const asTyped = { rank: match, unscored: match };
    const last = /"([A-Za-z0-9]+)"\*$/.exec(match);
    if (!last) return asTyped;
    if (termFrom === undefined) {
      try {
        db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.assay_search_terms USING fts5vocab(main, tasks_fts, instance)');
        termFrom = db.prepare('SELECT term FROM temp.assay_search_terms WHERE term >= @from AND term < @to LIMIT 1').pluck();
      } catch {
        return asTyped; // no vocabulary (or the connection busy with a statement): this prefix is asked as a prefix
      }
    }
    const changes = totalChanges();
    if (changes !== indexQueriesAt) {
      indexQueries.clear();
      indexQueriesAt = changes;
    }
    const cached = indexQueries.get(match);
    if (cached !== undefined) return cached;
    const word = last[1]!.toLowerCase();
    // The terms that start with the word sort from the word itself up to (not including) the word with its last letter
    // one higher; after one term, the next starts right above it (terms hold no control characters).
    const to = `${word.slice(0, -1)}${String.fromCharCode(word.charCodeAt(word.length - 1) + 1)}`;
    const terms: string[] = [];
    for (let from = word; terms.length <= EXPANDED_TERMS; ) {
      const term = termFrom.get({ from, to }) as string | undefined;
      if (term === undefined) break;
      terms.push(term);
      from = `${term}\u0001`;
    }
    const head = match.slice(0, last.index);
    let query = asTyped;
    if (terms.length > 0 && terms.length <= EXPANDED_TERMS && terms.every((term) => /^[a-z0-9]+$/.test(term))) {
      query =
        terms.length === 1
          ? { rank: `${head}"${terms[0]}"`, unscored: `${head}"${terms[0]}"` }
          : { rank: match, unscored: `${head}${head === '' ? '' : 'AND '}(${terms.map((term) => `"${term}"`).join(' OR ')})` };
    }
    if (indexQueries.size > 64) indexQueries.clear();
    indexQueries.set(match, query);
    return query;
  };

  const inboxWindow = (filter: TaskFilter, window: TaskWindow): { rows: SummaryRow[]; offset: number } => {
    const { where, params } = filterClauses(filter);
    const after = window.after === undefined ? null : parseInboxCursor(window.after);
    let offset = window.offset ?? 0;
    if (after) {
      where.push('(s.status_rank, s.recency, s.task_id) > (@afterRank, @afterRecency, @afterId)');
      Object.assign(params, { afterRank: after[0], afterRecency: after[1], afterId: after[2] });
    }
    params.limit = window.limit;
    params.offset = after ? 0 : offset;
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM task_state s INDEXED BY task_state_inbox JOIN tasks t ON t.id = s.task_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.status_rank, s.recency, s.task_id LIMIT @limit OFFSET @offset`;
    const rows = prepared<SummaryRow>(sql).all(params);
    if (after && window.offset === undefined) {
      // Where the window stands: the rows before the cursor, counted on the same index. A caller that knows (the
      // inbox scrolling on from the window it has) says so, and the count is saved.
      const before = filterClauses(filter);
      before.where.push('(s.status_rank, s.recency, s.task_id) <= (@afterRank, @afterRecency, @afterId)');
      Object.assign(before.params, { afterRank: after[0], afterRecency: after[1], afterId: after[2] });
      const needsTask = Boolean(filter.kind || filter.project);
      offset =
        prepared<{ n: number }>(
          `SELECT count(*) AS n FROM task_state s INDEXED BY task_state_inbox ${needsTask ? 'JOIN tasks t ON t.id = s.task_id' : ''}
           WHERE ${before.where.join(' AND ')}`,
        ).get(before.params)?.n ?? 0;
    }
    return { rows, offset };
  };

  const joinRanked = (ranked: string) =>
    `SELECT ${SUMMARY_COLUMNS}, t.payload_json, f.score FROM (${ranked}) f JOIN tasks t ON t.search_id = f.rowid JOIN task_state s ON s.task_id = t.id`;

  const searchWindow = (filter: TaskFilter, query: IndexQuery, window: TaskWindow): { rows: SearchRow[]; offset: number } => {
    const { where, params } = filterClauses(filter);
    const offset = window.offset ?? 0;
    Object.assign(params, { match: query.rank, limit: window.limit, offset });
    if (where.length > 0) {
      const sql = `SELECT ${SUMMARY_COLUMNS}, t.payload_json, bm25(tasks_fts, 4.0, 1.0) AS score
        FROM tasks_fts JOIN tasks t ON t.search_id = tasks_fts.rowid JOIN task_state s ON s.task_id = t.id
        WHERE tasks_fts MATCH @match AND ${where.join(' AND ')}
        ORDER BY score, t.id LIMIT @limit OFFSET @offset`;
      return { rows: prepared<SearchRow>(sql).all(params), offset };
    }
    // Without other filters the index ranks and cuts first, and only the window's rows are joined. bm25 has to score
    // every match to find the best: for a word in most tasks that is the whole store (50 ms at 100,000 tasks). So the
    // ranking covers the newest RANKED_NEWEST matches (read from the index newest first, in the same query that scores
    // them), and the older matches follow them, newest first: one list, each match once, and the same answer for every
    // window of it. Equal scores go newest first, in the query that cuts the window and in the join that orders it.
    const end = window.limit < 0 ? Infinity : offset + window.limit;
    let rows: SearchRow[] = [];
    if (offset < rankedNewest) {
      const sql = `${joinRanked(
        `SELECT rowid, score FROM (SELECT rowid, bm25(tasks_fts, 4.0, 1.0) AS score FROM tasks_fts WHERE tasks_fts MATCH @match
           ORDER BY rowid DESC LIMIT @ranked) ORDER BY score, rowid DESC LIMIT @limit OFFSET @offset`,
      )} ORDER BY f.score, f.rowid DESC`;
      const limit = Math.min(end, rankedNewest) - offset;
      rows = prepared<SearchRow>(sql).all({ match: query.rank, ranked: rankedNewest, offset, limit });
      // Fewer than asked for: the matches ran out among the ranked ones, and there is no older one to follow.
      if (rows.length < limit) return { rows, offset };
    }
    if (end > rankedNewest) {
      const sql = `${joinRanked('SELECT rowid, 0 AS score FROM tasks_fts WHERE tasks_fts MATCH @match ORDER BY rowid DESC LIMIT @limit OFFSET @skip')} ORDER BY f.rowid DESC`;
      const from = Math.max(0, offset - rankedNewest);
      // concat, not push(...): an export's window holds every match, more than a call takes arguments.
      rows = rows.concat(prepared<SearchRow>(sql).all({ match: query.unscored, skip: rankedNewest + from, limit: end === Infinity ? -1 : end - rankedNewest - from }));
    }
    return { rows, offset };
  };

  const highlighted = (row: SearchRow, typed: string): TaskSummary => {
    // The payload was parsed against its schema when it was stored; reading it back needs only its text.
    const prompt = promptTextOf(JSON.parse(row.payload_json) as TaskPayload);
    const excerpt = excerptAround(plainTextOf(prompt.slice(0, SEARCHED_PROMPT_CHARS)), typed, EXCERPT_LENGTH);
    return {
      ...toSummary(row, JSON.stringify(['search', row.score, row.id])),
      excerpt: excerpt.text,
      excerptMatches: excerpt.matches.map(([s, e]) => [s, e]),
      titleMatches: matchRanges(row.title, typed).map(([s, e]) => [s, e]),
    };
  };

  return {
    window(filter: TaskFilter, window: TaskWindow): TaskWindowResult {
      const match = filter.query === undefined ? null : toFtsQuery(filter.query);
      try {
        if (match === null) {
          const counts = countsOf(filter);
          const { rows, offset } = inboxWindow(filter, window);
          const matching = TASK_STATUS_ORDER.reduce((sum, status) => sum + counts[status], 0);
          return { tasks: rows.map((r) => toSummary(r, inboxCursor(r))), offset, matching, counts };
        }
        // A search is one ranked list: its total, no status groups.
        const query = indexQueryOf(match);
        const { rows, offset } = searchWindow(filter, query, window);
        const tasks = rows.map((r) => highlighted(r, filter.query ?? ''));
        // A first window that is not full holds every match: nothing to count.
        const matching = offset === 0 && window.limit >= 0 && rows.length < window.limit ? rows.length : searchMatching(filter, query.unscored);
        return { tasks, offset, matching, counts: emptyCounts() };
      } catch (error) {
        // toFtsQuery leaves no syntax to get wrong; this is the last guard so a search can never crash the inbox.
        if (match !== null && isFtsError(error)) return { tasks: [], offset: 0, matching: 0, counts: emptyCounts() };
        throw error;
      }
    },

    /** Summaries of the given tasks, for refreshing rows a change touched. Unknown ids are left out. */
    summaries(ids: readonly string[]): TaskSummary[] {
      if (ids.length === 0) return [];
      const rows = prepared<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM tasks t JOIN task_state s ON s.task_id = t.id WHERE t.id IN (SELECT value FROM json_each(@ids))`,
      ).all({ ids: JSON.stringify(ids) });
      return rows.map((r) => toSummary(r, inboxCursor(r)));
    },
  };
};
export type TaskListing = ReturnType<typeof createTaskListing>;
