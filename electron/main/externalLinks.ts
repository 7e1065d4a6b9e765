import { checkExternalUrl } from '@shared/security/externalUrl';

export { checkExternalUrl };

export interface ExternalOpenerDeps {
  /** Ask the person; true only when they agree to open `url` on `host`. */
  confirm(host: string, url: string): Promise<boolean>;
  /** Hand the URL to the operating system's browser. */
  open(url: string): Promise<void>;
  /** Tell someone why a link was refused (logging); optional. */
  refused?(reason: string): void;
}

/** The confirm-then-open flow used by window.open interception and by the core's openExternal operation. */
export const createExternalOpener =
  (deps: ExternalOpenerDeps) =>
  async (raw: unknown): Promise<boolean> => {
    const verdict = checkExternalUrl(raw);
    if (!verdict.allowed) {
      deps.refused?.(verdict.reason);
      return false;
    }
    if (!(await deps.confirm(verdict.host, verdict.url))) return false;
    await deps.open(verdict.url);
    return true;
  };
