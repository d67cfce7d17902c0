// The step of the deliberation-aids measure (issue #16), run in its own child process: "Candidats
// proches d'un seuil" computed for one jury of `candidates` candidates of the demo's spécialité 31310
// (units with sub-épreuves and an optional unit), grades drawn around the thresholds with a fixed seed.
// What is timed is what the server and the offline portal both run: the engine over every candidate,
// then the smallest grade of every lever of each candidate near a threshold (presentNearThresholds).
import type { DeliberationCandidate } from '../../src/db/repositories/deliberation.js';
import { note } from '../../src/domain/grades.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';
import { presentNearThresholds, type NearSource } from '../../src/features/aids/present-near.js';
import type { JuryHeaderDto } from '../../src/features/deliberation/schemas.js';
import { DEMO_SPECIALITES } from '../../src/features/generate/demo.js';
import { timed } from '../lib/child.js';
import type { Step } from '../steps.js';

/** mulberry32: a small seeded generator (the same jury at every run) */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER: JuryHeaderDto = {
  code: 'BENCH', specialiteCode: '31310', specialiteLibelle: 'Banque - conseiller de clientèle', centreUai: '0000000A', centreLibelle: 'BANC D’ESSAI',
  debutDeliberation: null, finDeliberation: null, etat: '110', etatLibelle: 'Délibération du 1er groupe', group: 1, president: 'P', vicePresident: 'V',
  actingMember: null,
  actions: { canModifyGrades: false, modifiableGroup: null, canClose: false, closeAction: null, closeLabel: null, canRevealIdentity: false, needsActingMember: false },
};

function jury(n: number, seed: number): { ruleset: Ruleset; sources: NearSource[] } {
  const spec = DEMO_SPECIALITES.find((s) => s.code === '31310')!;
  const ruleset: Ruleset = { units: spec.units };
  const rnd = random(seed);
  const sources: NearSource[] = [];
  for (let i = 0; i < n; i++) {
    // a candidate's level around 9, each grade ± 4 points around it; one in three takes the optional unit
    const level = 600 + Math.floor(rnd() * 700);
    const grades: Record<string, CandidateInput['grades'][string]> = {};
    for (const u of spec.units) {
      if (u.facultative && rnd() < 0.67) continue;
      for (const l of u.leaves) grades[l.code] = note(Math.max(0, Math.min(2000, level + Math.floor((rnd() - 0.5) * 800))));
    }
    const candidate: DeliberationCandidate = {
      id: i + 1, juryCode: 'BENCH', numeroAnonymat: `T230A0BENCH${String(i).padStart(4, '0')}`, categorie: 'SCOLAIRE', formePassage: 'G', livret: null,
      handicap: '', listeRouge: false, presumeFraudeur: false, centreDeliberationUai: '0000000A', centreEpreuveUai: '0000000A',
    };
    sources.push({ candidate, input: { grades }, leafGrades: [] });
  }
  return { ruleset, sources };
}

const nearStep: Step = async ({ candidates, rounds, margin }) => {
  const { ruleset, sources } = jury(Number(candidates), 2023);
  const times: number[] = [];
  let cpu = 0;
  let listed = 0;
  let levers = 0;
  // round 0 warms up (compilation, caches) and is not counted
  for (let r = -1; r < Number(rounds); r++) {
    const t = await timed(() => presentNearThresholds(HEADER, 'BTS', ruleset, sources, Number(margin)));
    if (r < 0) continue;
    times.push(t.seconds);
    cpu += t.cpuSeconds;
    listed = t.value.candidates.length;
    levers = t.value.candidates.reduce((s, c) => s + c.levers.length, 0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, best: times[0]!, cpuSeconds: cpu, listed, levers, candidates: sources.length };
};

export const AIDS_STEPS: Record<string, Step> = { 'aids-near': nearStep };
