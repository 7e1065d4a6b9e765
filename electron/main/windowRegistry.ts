/** What the main process needs to know of each of its windows: the webContents id and a way to post events. */
export interface RegisteredContents {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** The windows we made; IPC from any other webContents is refused. */
export class WindowRegistry {
  private readonly contents = new Map<number, RegisteredContents>();

  add(contents: RegisteredContents): () => void {
    const { id } = contents;
    this.contents.set(id, contents);
    return () => {
      this.contents.delete(id);
    };
  }

  has(id: number): boolean {
    return this.contents.has(id);
  }

  live(): RegisteredContents[] {
    return [...this.contents.values()].filter((c) => !c.isDestroyed());
  }
}
