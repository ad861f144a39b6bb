/**
 * One self-overwriting progress line on stderr, only on a terminal: piped or CI output stays clean.
 * Updates are throttled so a fast scan does not spend its time repainting.
 */
import type { ScanProgress } from '../sdk/index.js';

export interface ProgressLine {
  readonly update: (progress: ScanProgress) => void;
  readonly clear: () => void;
}

const SILENT: ProgressLine = { update: () => undefined, clear: () => undefined };

function describe(progress: ScanProgress): string {
  switch (progress.phase) {
    case 'load':
      return 'reading inputs…';
    case 'rules':
      return `checking ${progress.resources} resources: rule ${progress.done}/${progress.total}`;
    case 'report':
      return 'writing the report…';
  }
}

export function progressLine(stream: NodeJS.WriteStream, enabled: boolean): ProgressLine {
  if (!enabled || !stream.isTTY) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update: (progress) => {
      const now = Date.now();
      if (progress.phase === 'rules' && progress.done < progress.total && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${describe(progress)}`);
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
