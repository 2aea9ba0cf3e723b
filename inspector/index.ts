// `loom-threads/inspector`: the thread inspector any page attaches to any engine. It uses the engine's public API
// (`loom-threads`) and the DOM only; its stylesheet comes with it (adopt-styles.ts).
export { attachInspector, type InspectorHandle, type InspectorOptions } from './inspector.ts';
export type { DockLayout, DockSide } from './dock.ts';
export { mountTimeline, rewindButton, type TimelineHandle, type TimelineHost } from './timeline.ts';
export { ScriptTimeWindow, type TopEntry } from './script-time-window.ts';
export { RemoteRoom, listRooms, type RemoteRoomOptions, type RoomListing } from './remote-room.ts';
export type { InspectedAccounting, InspectedChild, InspectedEngine, InspectedStack, InspectedThread, RecentScriptTime } from './inspected.ts';
export type { FeedSnapshot, FeedThread, FeedDetails, FeedAccounting } from './feed-snapshot.ts';
