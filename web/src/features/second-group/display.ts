/** The memo's counter: "Affichage de l'élément 1 à 4 sur 4 élément(s)" (with the total when filtered). */
export function displayCount(shown: number, total: number): string {
  const base = `Affichage de l'élément ${shown === 0 ? 0 : 1} à ${shown} sur ${shown} élément(s)`;
  return shown === total ? base : `${base} (filtré(s) parmi ${total} élément(s) au total)`;
}
