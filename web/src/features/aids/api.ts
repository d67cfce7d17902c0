// Deliberation aids (issue #16): "Candidats proches d'un seuil". For a jury, offline or while changes
// made offline wait, the screen is computed in the browser by the same pure presenter as the server
// (src/features/aids/present-near.ts) over the jury's encrypted data (ADR 0009).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { offlineNearThresholds } from '../../../../src/features/aids/present-near.js';
import type { ChartsDto, HarmonisationDto, NearThresholdsDto } from '../../../../src/features/aids/schemas.js';
import { offlineCharts } from '../../../../src/features/aids/present-charts.js';
import { formatHundredths } from '../../../../src/domain/grades.js';
import { offlineRead } from '../jury/offline/state.js';

export type NearThresholds = NearThresholdsDto;
export type NearCandidate = NearThresholdsDto['candidates'][number];

const enc = encodeURIComponent;

/**
 * Under ['deliberation', 'candidates', code]: refetched with the candidate list after every grade
 * change (online or offline) and whenever the offline data changes.
 */
export function useNearThresholds(code: string | undefined, marginCenti: number) {
  return useQuery({
    queryKey: ['deliberation', 'candidates', code ?? '', 'proches-seuil', marginCenti],
    queryFn: () => offlineRead(
      () => api.get<NearThresholds>(`/api/aides/juries/${enc(code!)}/proches-seuil`, { marge: formatHundredths(marginCenti) }),
      (b) => offlineNearThresholds(b, marginCenti),
    ),
    enabled: !!code,
  });
}

export type Charts = ChartsDto;

/** The jury's charts; offline (jury), its own part only, from its bundle. */
export function useCharts(code: string | undefined) {
  return useQuery({
    queryKey: ['deliberation', 'candidates', code ?? '', 'graphiques'],
    queryFn: () => offlineRead(() => api.get<Charts>(`/api/aides/juries/${enc(code!)}/graphiques`), offlineCharts),
    enabled: !!code,
  });
}

export type Harmonisation = HarmonisationDto;

/** "Harmonisation des jurys" of a spécialité (server only: it compares juries the portal does not hold). */
export function useHarmonisation(specialite: string) {
  return useQuery({
    queryKey: ['aides', 'harmonisation', specialite],
    queryFn: () => api.get<Harmonisation>('/api/aides/harmonisation', specialite ? { specialite } : {}),
    placeholderData: (prev) => prev,
  });
}
