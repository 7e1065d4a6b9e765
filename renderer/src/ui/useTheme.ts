import { useEffect, useState } from 'react';
import type { Settings } from '@shared/domain';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Applies the chosen theme to <html>, following the OS live when the choice is 'system'. */
export function useTheme(preference: Settings['theme'] | undefined) {
  const [systemDark, setSystemDark] = useState(() => darkQuery().matches);
  useEffect(() => {
    const query = darkQuery();
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme = !preference || preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
