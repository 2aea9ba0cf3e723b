import { startCoop, type CoopHandle, type CoopOptions } from './coop-game.ts';

/**
 * The page a `?server=ws://...` link opens: a button that joins a co-op room on that server (and a line saying
 * what went wrong, if joining fails). `onGame` gets the game once it runs.
 *
 * @example
 * ```ts
 * mountJoinPanel(document.body, 'ws://127.0.0.1:2567', {}, (game) => (window.loomCoop = game));
 * ```
 */
export function mountJoinPanel(parent: HTMLElement, url: string, options: CoopOptions, onGame: (game: CoopHandle) => void): void {
  const panel = document.createElement('div');
  panel.className = 'loom-join';
  const title = document.createElement('p');
  const others = options.servers ?? [];
  title.textContent = others.length === 0 ? `Co-op server: ${url}` : `Co-op server: ${url} (cluster: ${[url, ...others].join(', ')})`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Join co-op room';
  const status = document.createElement('p');
  status.className = 'loom-join-status';
  panel.append(title, button, status);
  parent.append(panel);
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = 'joining…';
    startCoop(parent, url, options).then(
      (game) => {
        panel.remove();
        onGame(game);
      },
      (error: unknown) => {
        button.disabled = false;
        status.textContent = `Cannot join: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
}
