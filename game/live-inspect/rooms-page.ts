import { attachInspector, listRooms, RemoteRoom, type InspectorHandle, type RoomListing } from 'loom-threads/inspector';

/** The endpoint `npm run server -- --inspect` starts by default. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:2568';
/** How often the list of rooms is asked for again, ms. */
const LIST_EVERY_MS = 1000;

/** The page's elements. */
export interface RoomsPageElements {
  form: HTMLFormElement;
  status: HTMLElement;
  rooms: HTMLElement;
}

/**
 * The live rooms of one inspection endpoint, listed and kept up to date; the one picked is shown in the inspector
 * panel (one panel: picking another room moves it there). The address keeps the endpoint and the room, so a reload
 * or a shared link opens the same room.
 */
export class RoomsPage {
  /** The panel, once a room is picked. */
  inspector: InspectorHandle | null = null;
  private endpoint: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRooms: RoomListing[] = [];

  constructor(private readonly elements: RoomsPageElements, query: URLSearchParams) {
    this.endpoint = query.get('inspect') ?? DEFAULT_ENDPOINT;
    const input = elements.form.elements.namedItem('inspect') as HTMLInputElement;
    input.value = this.endpoint;
    elements.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.endpoint = input.value.replace(/\/+$/, '');
      this.remember();
      void this.list();
    });
    const room = query.get('room');
    if (room !== null) this.inspect(room);
    void this.list();
  }

  /** Shows room `roomId` in the panel. */
  inspect(roomId: string): void {
    const room = new RemoteRoom(this.endpoint, roomId);
    if (this.inspector === null) this.inspector = attachInspector(room, { open: true, dock: 'right', hint: 'Select a thread of the room in the list or the top list.' });
    else this.inspector.setEngine(room);
    if (!this.inspector.isOpen) this.inspector.toggle();
    this.remember(roomId);
    this.render(this.lastRooms);
  }

  private async list(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    try {
      this.lastRooms = await listRooms(this.endpoint);
      this.elements.status.textContent = this.lastRooms.length === 0
        ? `No live room at ${this.endpoint} yet: join one from the game (?server=).`
        : `${this.lastRooms.length} live ${this.lastRooms.length === 1 ? 'room' : 'rooms'} at ${this.endpoint}`;
    } catch (error) {
      this.lastRooms = [];
      this.elements.status.textContent = `No inspection endpoint at ${this.endpoint} (start the server with npm run server -- --inspect): ${String(error)}`;
    }
    this.render(this.lastRooms);
    this.timer = setTimeout(() => void this.list(), LIST_EVERY_MS);
  }

  private render(rooms: RoomListing[]): void {
    const shown = this.inspector?.engine instanceof RemoteRoom ? this.inspector.engine.roomId : null;
    this.elements.rooms.replaceChildren(...rooms.map((room) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = room.roomId === shown ? 'room shown' : 'room';
      button.textContent = `${room.name} ${room.roomId} · ${room.clients} ${room.clients === 1 ? 'client' : 'clients'} · tick ${room.tick} · ${room.threads} threads`;
      button.addEventListener('click', () => this.inspect(room.roomId));
      item.append(button);
      return item;
    }));
  }

  private remember(roomId?: string): void {
    const query = new URLSearchParams({ inspect: this.endpoint });
    const room = roomId ?? (this.inspector?.engine instanceof RemoteRoom ? this.inspector.engine.roomId : undefined);
    if (room !== undefined) query.set('room', room);
    history.replaceState(null, '', `?${query}`);
  }
}
