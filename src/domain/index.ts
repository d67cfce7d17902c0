// Public API of the pure domain core. Import from here (or from the module itself).

export * from './types.js';
export * from './rational.js';
export * from './grades.js';
export * from './ids.js';
export * from './jury-state.js';
export * from './activities.js';
export * from './policies.js';
export * from './double-entry.js';
export * from './rules/index.js';
