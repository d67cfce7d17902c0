// Deployment settings read at build time (Vite env). The State brand (Marianne) is on by default;
// other deployments build with VITE_BRAND_STATE=false to get a neutral text logo.
export const BRAND_STATE: boolean = (import.meta.env.VITE_BRAND_STATE ?? 'true').toLowerCase() !== 'false';

export const SERVICE_TITLE = 'Délib';
export const SERVICE_TAGLINE = 'Délibérations des examens';
