/**
 * The WHATWG URL class, present everywhere shared/ runs (Node, Chromium, Electron). Declared here because the
 * shared project compiles without DOM or Node types, so that neither can leak into it.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
}
