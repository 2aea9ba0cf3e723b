// `loom-threads/inspector/feed`: the server's half of the inspector on a live room, with no DOM: snapshots of what
// the panel shows, taken on request (docs/server.md, "The inspector on a live room").
export { EngineFeed, type EngineFeedOptions } from './engine-feed.ts';
export { takeSnapshot, relativeFile, type FeedSnapshot, type FeedThread, type FeedDetails, type FeedAccounting, type SnapshotOptions } from './feed-snapshot.ts';
export type { RoomListing } from './remote-room.ts';
