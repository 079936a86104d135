import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { ConfigFile } from './config-file.js';

/** `routes[1] (/github): verify`, `listen.maxBody`, `targets.stripe-app.url`. */
export function describePath(value: unknown, path: ReadonlyArray<string | number>): string {
  const [section, routes, index, ...rest] = path;
  if (section === 'listen' && routes === 'routes' && index !== undefined) {
    const route = (value as ConfigFile).listen?.routes?.[Number(index)];
    const name = typeof route?.path === 'string' ? ` (${escapeTerminalLine(route.path)})` : '';
    const head = `routes[${index}]${name}`;
    return rest.length > 0 ? `${head}: ${dotted(rest)}` : head;
  }
  return path.length === 0 ? '(top level)' : dotted(path);
}

function dotted(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^(0|[1-9]\d*)$/.test(segment)) text += `[${segment}]`;
    else text += `${text === '' ? '' : '.'}${escapeTerminalLine(segment)}`;
  }
  return text;
}
