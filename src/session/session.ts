/**
 * The session as the headless commands and tests use it: the Session class with its engine
 * loaded, so a session can be built at once. (The exam screen imports session-core.ts and loads
 * the engine after its first frame.)
 */
import { registerEngine } from './engine-slot.js';
import { engine } from './engine.js';

registerEngine(engine);

export { Session, type SessionOptions, type TranscriptEntry } from './session-core.js';
