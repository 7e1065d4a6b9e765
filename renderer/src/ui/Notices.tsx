import { useEffect } from 'react';
import { useAppStore, type Notice } from '../state/appStore';

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useAppStore((s) => s.dismissNotice);
  useEffect(() => {
    if (notice.tone === 'error') return; // errors stay until read
    const timer = setTimeout(() => dismiss(notice.id), 6000);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <div>
        <p>{notice.text}</p>
        {notice.detail && <p className="notice-detail">{notice.detail}</p>}
      </div>
      <button type="button" className="button ghost" onClick={() => dismiss(notice.id)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
