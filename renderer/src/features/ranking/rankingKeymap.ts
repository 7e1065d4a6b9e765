import { defineKeymap, plain, primary, type KeyPress } from '../shortcuts/keymap';

/** The letter of a response (a, b, c...) as an index, or -1. */
export const responseIndexOf = (press: KeyPress): number => (/^[a-z]$/i.test(press.key) ? press.key.toLowerCase().charCodeAt(0) - 97 : -1);

/** A digit 1-9 as a rank, or null. */
export const rankDigitOf = (press: KeyPress): number | null => (/^[1-9]$/.test(press.key) ? Number(press.key) : null);

/** The ranking workspace's keys, on the window. */
export const rankingKeymap = defineKeymap<'submit' | 'focusResponse'>('Ranking', [
  { action: 'submit', keys: ['Ctrl', 'Enter'], description: 'Submit the judgement (shows what is missing first)', matches: (p) => primary(p) && p.key === 'Enter', whileTyping: true },
  { action: 'focusResponse', keys: ['a', 'b', 'c', '…'], description: 'Focus response A, B, C… (then a digit ranks it)', matches: (p) => plain(p) && responseIndexOf(p) >= 0 },
]);

/** Keys on a focused response, or on its chip in the rank board. */
export const rankResponseKeymap = defineKeymap<'rank' | 'unrank'>('Ranking', [
  { action: 'rank', keys: ['1 … 9'], description: 'Rank the focused response; equal digits tie', matches: (p) => plain(p) && rankDigitOf(p) !== null },
  { action: 'unrank', keys: ['0'], description: 'Take the focused response’s rank away (Backspace and Delete too)', matches: (p) => plain(p) && ['0', 'Backspace', 'Delete'].includes(p.key) },
]);

/** For the rank handler: applies the digit as a rank when it is within the response count, else declines the key. */
export const rankIn = (press: KeyPress, count: number, apply: (rank: number) => void): boolean => {
  const rank = rankDigitOf(press);
  if (rank === null || rank > count) return false;
  apply(rank);
  return true;
};
