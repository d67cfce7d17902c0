/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "false" to hide the Marianne / State brand (other deployments); default true. */
  readonly VITE_BRAND_STATE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
