/** The memo's counter: "Affichage de l'élément 1 à 4 sur 4 élément(s)" (with the total when filtered). */
export function displayCount(shown: number, total: number): string {
  const base = `Affichage de l'élément ${shown === 0 ? 0 : 1} à ${shown} sur ${shown} élément(s)`;
  return shown === total ? base : `${base} (filtré(s) parmi ${total} élément(s) au total)`;
}

/** The same counter for a page of a grid paged by the server: rows from…to of `total` matching, of `all`. */
export function displayPageCount(page: number, pageSize: number, total: number, all: number): string {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const base = `Affichage de l'élément ${from} à ${to} sur ${total} élément(s)`;
  return total === all ? base : `${base} (filtré(s) parmi ${all} élément(s) au total)`;
}
