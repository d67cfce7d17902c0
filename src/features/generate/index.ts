// Public API of the generators (`delib generate`, `delib demo`).
export { generateSession, SYNTHETIC_ACADEMIE, type GenerateOptions, type GenerateSummary } from './synthetic.js';
export {
  writeDemoSession,
  buildDemoSession,
  DEMO_SEED,
  DEMO_SESSION,
  DEMO_ACADEMIE_CODE,
  DEMO_CENTRE_UAI,
  DEMO_OTHER_CENTRE_UAI,
  DEMO_CENTRE_EPREUVE_UAI,
  DEMO_ETABLISSEMENTS,
  DEMO_SPECIALITES,
  DEMO_JURIES,
  DEMO_MISSING_GRADE,
  DEMO_GOLDEN_CANDIDATE,
  DEMO_NAMED_CANDIDATES,
  type DemoJury,
  type DemoCandidate,
  type DemoNamedCandidate,
  type DemoSessionData,
  type DemoSummary,
} from './demo.js';
export { CsvWriter, writeCsvFile, sanitizeCsvValue, type CsvValue } from './csv-writer.js';
export { EXCHANGE_HEADERS, EXCHANGE_FILES, uaiCheckLetter, makeUai, isValidUai, formatHundredths } from './exchange-format.js';
export { Rng, createRng } from './random.js';
