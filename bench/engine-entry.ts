/** What the scaling benchmark loads, bundled by esbuild as the shipped CLI and server are. */
export { lint } from '../server/src/engine/lint';
export { defaultSettings } from '../server/src/engine/settings';
export { generateNote } from '../server/src/engine/generate';
