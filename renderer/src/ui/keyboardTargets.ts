/** True when a key press belongs to a text field (or a Monaco editor, which has its own undo), so page shortcuts must leave it alone. */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null);

/** True while a modal dialog or the highlight form has the keyboard: page shortcuts stay quiet. */
export const isOverlayOpen = (): boolean => document.querySelector('dialog[open], .span-composer, .menu') !== null;

/** True when Enter or Space on the target means "press this control", not a page shortcut. */
export const isControlTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.closest('button, a[href], summary, [role="menuitem"], [role="radio"], input, select, textarea') !== null;
