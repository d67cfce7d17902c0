// Name pools for the generators: French-looking family names and first names (with accents, compound
// names, apostrophes), and some Vietnamese-style names with stacked diacritics (NGUYỄN, TRẦN …) so that
// fonts and collations are exercised.

export const NOMS_COMMUNS: readonly string[] = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT',
  'SIMON', 'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD',
  'BONNET', 'DUPONT', 'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFÈVRE', 'FAURE', 'ANDRÉ',
  'MERCIER', 'BLANC', 'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA',
  'PERRIN', 'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON',
  'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT', 'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER',
  'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE', 'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD',
  'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY', 'LEROUX', 'COLIN', 'VIDAL', 'CARON',
  'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMAS', 'LACROIX', 'OLIVIER', 'PHILIPPE',
  'BOURGEOIS', 'PIERRE', 'BENOÎT', 'REY', 'LECLERCQ', 'PAYET', 'ROLLAND', 'LECLERC', 'GUILLAUME', 'LECOMTE',
  'LOPEZ', 'JEAN', 'DUPUY', 'GUILLOT', 'HUBERT', 'BERGER', 'CARPENTIER', 'SANCHEZ', 'DUPUIS', 'MOULIN',
  'LOUIS', 'DESCHAMPS', 'HUET', 'VASSEUR', 'PEREZ', 'BOUCHER', 'FLEURY', 'ROYER', 'KLEIN', 'JACQUET',
  'ADAM', 'PARIS', 'POIRIER', 'MARTY', 'AUBRY', 'GUYOT', 'CARRÉ', 'CHARLES', 'RENAULT', 'CHARPENTIER',
  'MÉNARD', 'MAILLARD', 'BARON', 'BERTIN', 'BAILLY', 'HERVÉ', 'SCHNEIDER', 'FERNANDEZ', 'LE GALL', 'COLLET',
  'LÉGER', 'BOUVIER', 'JULIEN', 'PRÉVOST', 'MILLET', 'PERROT', 'DANIEL', 'LE ROUX', 'COUSIN', 'GERMAIN',
  'BRETON', 'BESSON', 'LANGLOIS', 'RÉMY', 'LE GOFF', 'PELLETIER', 'LÉVÊQUE', 'PERRIER', 'LEBLANC', 'BARRÉ',
  'LEBRUN', 'MARCHAL', 'WEBER', 'MALLET', 'HAMON', 'BOULANGER', 'JACOB', 'MONNIER', 'MICHAUD', 'RODRIGUEZ',
  'GUICHARD', 'GILLET', 'ÉTIENNE', 'GRONDIN', 'POULAIN', 'TESSIER', 'CHEVALLIER', 'COLLIN', 'CHAUVIN', 'DA SILVA',
  'BOUCHET', 'GAY', 'LEMAÎTRE', 'BÉNARD', 'MARÉCHAL', 'HUMBERT', 'REYNAUD', 'ANTOINE', 'HOARAU', 'PERRET',
  'BARTHÉLEMY', 'CORDIER', 'PICHON', 'LEJEUNE', 'GILBERT', 'LAMY', 'DELAUNAY', 'PASQUIER', 'CARLIER', 'LAPORTE',
  'D\'ALMEIDA', 'N\'DIAYE', 'DE OLIVEIRA', 'BEN AHMED', 'EL AMRANI', 'DIALLO', 'TRAORÉ', 'KONATÉ', 'CISSÉ', 'SYLLA',
  'BENALI', 'HADDAD', 'MANSOURI', 'YILMAZ', 'KAYA', 'ÖZTÜRK', 'DOS SANTOS', 'PEREIRA', 'FERREIRA', 'RODRIGUES',
  'MARTIN-DUPONT', 'LEROY-BEAULIEU', 'SAINT-JUST', 'DE LA FONTAINE', 'LE BIHAN', 'KERGOAT', 'MÜLLER', 'SCHÄFER', 'NOWAK', 'KOWALSKI',
];

/** Vietnamese-style family names (precomposed Unicode, several stacked diacritics). */
export const NOMS_VIETNAMIENS: readonly string[] = [
  'NGUYỄN', 'TRẦN', 'LÊ', 'PHẠM', 'HOÀNG', 'HUỲNH', 'VŨ', 'VÕ', 'ĐẶNG', 'BÙI', 'ĐỖ', 'HỒ', 'NGÔ', 'DƯƠNG', 'LÝ',
];

export const PRENOMS_VIETNAMIENS_F: readonly string[] = [
  'Thị Hương', 'Thị Thảo', 'Ngọc Ánh', 'Thu Hằng', 'Minh Châu', 'Phương Linh', 'Thị Lan', 'Bảo Ngọc',
];
export const PRENOMS_VIETNAMIENS_M: readonly string[] = [
  'Văn Đức', 'Minh Tuấn', 'Quốc Bảo', 'Đức Anh', 'Hoàng Long', 'Thành Đạt', 'Văn Hưng', 'Gia Huy',
];

export const PRENOMS_F: readonly string[] = [
  'Léa', 'Chloé', 'Manon', 'Emma', 'Camille', 'Inès', 'Sarah', 'Jade', 'Zoé', 'Louise', 'Lucie', 'Clara',
  'Anaïs', 'Océane', 'Maëlys', 'Noémie', 'Laura', 'Julie', 'Marie', 'Mathilde', 'Pauline', 'Élise', 'Héloïse',
  'Justine', 'Margaux', 'Lisa', 'Eva', 'Lola', 'Alice', 'Juliette', 'Romane', 'Charlotte', 'Amandine',
  'Mélanie', 'Aurélie', 'Céline', 'Nadia', 'Yasmine', 'Fatoumata', 'Aïcha', 'Salomé', 'Agathe', 'Célia',
  'Hélène', 'Estelle', 'Gaëlle', 'Maïwenn', 'Anne-Sophie', 'Marie-Claire', 'Bérénice', 'Nolwenn', 'Émilie',
];

export const PRENOMS_M: readonly string[] = [
  'Lucas', 'Hugo', 'Thomas', 'Nathan', 'Théo', 'Louis', 'Enzo', 'Mathis', 'Maxime', 'Antoine', 'Clément',
  'Alexandre', 'Quentin', 'Baptiste', 'Romain', 'Julien', 'Nicolas', 'Kévin', 'Jérémy', 'Raphaël', 'Gabriel',
  'Noé', 'Loïc', 'Gaël', 'Joël', 'Jérôme', 'Benoît', 'Cédric', 'Damien', 'Florian', 'Adrien', 'Yanis',
  'Mohamed', 'Karim', 'Mehdi', 'Bilal', 'Moussa', 'Amadou', 'Ibrahima', 'Omer', 'Emre', 'Dylan', 'Killian',
  'Erwan', 'Corentin', 'Anthony', 'François', 'Aurélien', 'Sébastien', 'Jean-Baptiste', 'Pierre-Louis', 'Timothée',
];

export const PRESIDENT_PRENOMS: readonly string[] = [
  'Pierre', 'Claire', 'Sophie', 'Marc', 'Anne', 'Isabelle', 'Olivier', 'Nathalie', 'Thierry', 'Sylvie',
  'Philippe', 'Catherine', 'Jacques', 'Françoise', 'Éric', 'Valérie', 'Laurent', 'Christine', 'Hervé', 'Agnès',
];

export const STREETS: readonly string[] = [
  'rue de la République', 'rue Victor Hugo', 'avenue Jean Jaurès', 'rue Pasteur', 'rue des Lilas',
  'boulevard Gambetta', 'rue du Général de Gaulle', 'place de l\'Église', 'chemin des Vignes', 'rue des Écoles',
  'allée des Tilleuls', 'rue Émile Zola', 'impasse des Peupliers', 'rue du Moulin', 'avenue de la Gare',
  'rue Jules Ferry', 'rue de la Paix', 'rue Saint-Exupéry', 'route de Besançon', 'rue des Frères Lumière',
];

export const HANDICAP_MEASURES: readonly string[] = [
  'Tiers temps',
  'Tiers temps, secrétaire lecteur-scripteur',
  'Majoration d\'un tiers du temps, salle à part',
  'Utilisation d\'un ordinateur personnel',
  'Sujets en gros caractères (A3)',
  'Tiers temps, pauses autorisées',
  'Assistance d\'une aide humaine',
  'Salle isolée, accès facilité',
];

export const ETAB_PATRONS: readonly string[] = [
  'JEAN MOULIN', 'VICTOR HUGO', 'MARIE CURIE', 'JULES FERRY', 'LOUIS PASTEUR', 'JEAN JAURES', 'PIERRE MENDES FRANCE',
  'CONDORCET', 'MONTESQUIEU', 'VOLTAIRE', 'DIDEROT', 'JEAN ROSTAND', 'PAUL LANGEVIN', 'RENE CASSIN', 'ALBERT CAMUS',
  'SIMONE VEIL', 'GUSTAVE EIFFEL', 'ANTOINE DE SAINT-EXUPERY', 'CHARLES DE GAULLE', 'GEORGES BRASSENS',
  'LEONARD DE VINCI', 'JACQUES PREVERT', 'AUGUSTE RENOIR', 'HENRI BRISSON', 'EDOUARD BRANLY', 'JEAN MONNET',
  'NELSON MANDELA', 'OLYMPE DE GOUGES', 'LOUISE MICHEL', 'MARCEL PAGNOL', 'ARAGO', 'LAVOISIER', 'AMPERE',
  'COURBET', 'CUVIER', 'JULES VERNE', 'EMILE ZOLA', 'GEORGE SAND', 'COLBERT', 'VAUBAN', 'ROBERT SCHUMAN',
  'DU PARC', 'DES METIERS', 'DU BATIMENT', 'DE LA MER', 'POLYVALENT DU VAL', 'SAINT-JOSEPH', 'NOTRE-DAME',
];
