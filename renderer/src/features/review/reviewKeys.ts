/** The review keys as data: ReviewItemPage binds them and the `?` list shows them, so the two cannot drift. */
export type ReviewAction = 'accept' | 'startReturn' | 'startFix' | 'sendFix';

export interface ReviewKey {
  /** KeyboardEvent.code, pressed with Alt (Alt+letter types another character on some layouts). */
  code: string;
  display: string[];
  /** The panel mode the key works in. */
  mode: 'view' | 'fix';
  action: ReviewAction;
  label: string;
}

export const REVIEW_KEYS: readonly ReviewKey[] = [
  { code: 'KeyA', display: ['Alt', 'A'], mode: 'view', action: 'accept', label: 'Accept the submission' },
  { code: 'KeyR', display: ['Alt', 'R'], mode: 'view', action: 'startReturn', label: 'Return it with anchored comments (select text or press + to anchor; Alt+Enter adds a comment, Ctrl+Enter sends)' },
  { code: 'KeyF', display: ['Alt', 'F'], mode: 'view', action: 'startFix', label: 'Fix the judgement yourself' },
  { code: 'KeyF', display: ['Alt', 'F'], mode: 'fix', action: 'sendFix', label: 'Send the fix' },
];

export const reviewActionFor = (code: string, mode: string): ReviewAction | null =>
  REVIEW_KEYS.find((k) => k.code === code && k.mode === mode)?.action ?? null;
