// The live room inspector: entry point of inspect.html. `?inspect=http://127.0.0.1:2568` lists the rooms of a server
// started with `npm run server -- --inspect`; picking one (or `&room=ID`) opens the inspector panel on it.
import { RoomsPage } from './rooms-page.ts';
import './live-inspect.css';

declare global {
  interface Window {
    /** The page's debug handle, for tests and the console. */
    loomLiveInspect?: RoomsPage;
  }
}

const byId = (id: string): HTMLElement => document.getElementById(id)!;

window.loomLiveInspect = new RoomsPage(
  { form: byId('endpoint') as HTMLFormElement, status: byId('status'), rooms: byId('rooms') },
  new URLSearchParams(location.search),
);
