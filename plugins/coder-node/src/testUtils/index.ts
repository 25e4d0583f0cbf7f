// Test-only helpers: a fake Coder server that follows Coder's REST API v2 (see
// fakeCoder/COMPATIBILITY.md for what it implements and where each shape comes from).
export * from './fakeCoder';
