import { themePreferenceSchema } from '@shared/domain';
import { useAppStore } from '../../state/appStore';
import { Modal } from '../../ui/Modal';
import { UpdatesSection } from './UpdatesSection';

const THEME_LABEL = { system: 'Follow the system', light: 'Light', dark: 'Dark' } as const;

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const settings = useAppStore((s) => s.settings);
  const info = useAppStore((s) => s.info);
  const update = useAppStore((s) => s.updateSettings);
  if (!settings) return null;
  return (
    <Modal title="Settings" onClose={onClose}>
      <form className="settings-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Theme</legend>
          {themePreferenceSchema.options.map((t) => (
            <label key={t} className="radio">
              <input type="radio" name="theme" value={t} checked={settings.theme === t} onChange={() => void update({ theme: t })} />
              {THEME_LABEL[t]}
            </label>
          ))}
        </fieldset>
        <label>
          Display name
          <input type="text" defaultValue={settings.displayName} maxLength={200} onBlur={(e) => void update({ displayName: e.target.value })} />
        </label>
        <label>
          Stop the active-time clock after (seconds without input)
          <input
            type="number"
            min={10}
            max={3600}
            defaultValue={settings.idleAfterSeconds}
            onBlur={(e) => {
              const value = Number(e.target.value);
              if (Number.isInteger(value) && value >= 10 && value <= 3600) void update({ idleAfterSeconds: value });
            }}
          />
        </label>
        <UpdatesSection />
        {info && (
          <p className="fine-print">
            Assay {info.version} · data folder <code>{info.dataDir}</code>
          </p>
        )}
      </form>
    </Modal>
  );
}
