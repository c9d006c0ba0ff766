/** Calls back (debounced) when anything under the watched folders changes: saving a file often fires several events. */
import { existsSync, watch, type FSWatcher } from 'node:fs';

export function watchFolders(folders: string[], onChange: () => void, debounceMs = 150): () => void {
  let pending: NodeJS.Timeout | undefined;
  const trigger = (): void => {
    clearTimeout(pending);
    pending = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = folders
    .filter((folder) => existsSync(folder))
    .map((folder) =>
      watch(folder, { recursive: true }, (_event, file) => {
        if (!file?.includes('node_modules')) trigger();
      }),
    );
  return () => {
    clearTimeout(pending);
    for (const watcher of watchers) watcher.close();
  };
}
