/** Vite bundles CSS imported from a module (client/replay/replay.css). */
declare module '*.css';
