import { useEffect, useRef, type ReactNode } from 'react';

/** A native modal dialog: the browser traps focus, Escape closes it, and focus returns where it was. */
export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="modal" aria-labelledby="modal-title" onClose={onClose} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header className="modal-header">
        <h2 id="modal-title">{title}</h2>
        <button type="button" className="button ghost" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}
