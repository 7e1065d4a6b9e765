import { Modal } from '../../ui/Modal';
import { SHORTCUTS } from './shortcutList';
import { KEYMAPS } from './allKeymaps';

/** The fixed list, then every workspace keymap's bindings: the `?` list shows exactly what is bound. */
const ROWS = [
  ...SHORTCUTS,
  ...KEYMAPS.flatMap((keymap) => keymap.bindings.map((b) => ({ keys: [...b.keys], action: b.description, where: keymap.where }))),
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((s) => (
            <tr key={`${s.where}-${s.action}`}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.action}</td>
              <td>{s.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
