// Reference data for the synthetic (national-scale) session: académies with their départements and
// towns, and a catalogue of BTS spécialités grouped by family (which drives the units they get).

export interface Departement {
  /** 3-character UAI prefix: '025', '971', '620' (Corse-du-Sud), '720' (Haute-Corse) */
  readonly uaiPrefix: string;
  /** postal code prefix: '25', '971', '20' */
  readonly cp: string;
  readonly villes: readonly string[];
}

export interface Academie {
  /** 2-digit number of the académie (A03 -> '03') */
  readonly num: string;
  readonly libelle: string;
  /** relative size (number of BTS candidates) */
  readonly weight: number;
  readonly departements: readonly Departement[];
}

const d = (uaiPrefix: string, cp: string, ...villes: string[]): Departement => ({ uaiPrefix, cp, villes });

export const ACADEMIES: readonly Academie[] = [
  { num: '01', libelle: 'ACADEMIE DE PARIS', weight: 9, departements: [d('075', '75', 'PARIS')] },
  {
    num: '02',
    libelle: 'ACADEMIE D\'AIX-MARSEILLE',
    weight: 6,
    departements: [d('013', '13', 'MARSEILLE', 'AIX-EN-PROVENCE', 'AUBAGNE'), d('084', '84', 'AVIGNON', 'CARPENTRAS'), d('004', '04', 'DIGNE-LES-BAINS'), d('005', '05', 'GAP')],
  },
  {
    num: '03',
    libelle: 'ACADEMIE DE BESANCON',
    weight: 2,
    departements: [d('025', '25', 'BESANCON', 'MONTBELIARD', 'AUDINCOURT', 'PONTARLIER'), d('039', '39', 'LONS-LE-SAUNIER', 'DOLE'), d('070', '70', 'VESOUL', 'LURE'), d('090', '90', 'BELFORT')],
  },
  {
    num: '04',
    libelle: 'ACADEMIE DE BORDEAUX',
    weight: 5,
    departements: [d('033', '33', 'BORDEAUX', 'MERIGNAC', 'LIBOURNE'), d('024', '24', 'PERIGUEUX'), d('040', '40', 'MONT-DE-MARSAN'), d('047', '47', 'AGEN'), d('064', '64', 'PAU', 'BAYONNE')],
  },
  { num: '05', libelle: 'ACADEMIE DE CAEN', weight: 2.5, departements: [d('014', '14', 'CAEN', 'LISIEUX'), d('050', '50', 'SAINT-LO', 'CHERBOURG-EN-COTENTIN'), d('061', '61', 'ALENCON')] },
  {
    num: '06',
    libelle: 'ACADEMIE DE CLERMONT-FERRAND',
    weight: 2.5,
    departements: [d('063', '63', 'CLERMONT-FERRAND', 'RIOM'), d('003', '03', 'MOULINS', 'VICHY'), d('015', '15', 'AURILLAC'), d('043', '43', 'LE PUY-EN-VELAY')],
  },
  { num: '07', libelle: 'ACADEMIE DE DIJON', weight: 3, departements: [d('021', '21', 'DIJON', 'BEAUNE'), d('058', '58', 'NEVERS'), d('071', '71', 'CHALON-SUR-SAONE', 'MACON'), d('089', '89', 'AUXERRE', 'SENS')] },
  {
    num: '08',
    libelle: 'ACADEMIE DE GRENOBLE',
    weight: 5,
    departements: [d('038', '38', 'GRENOBLE', 'VIENNE'), d('026', '26', 'VALENCE', 'MONTELIMAR'), d('007', '07', 'PRIVAS', 'ANNONAY'), d('073', '73', 'CHAMBERY'), d('074', '74', 'ANNECY', 'THONON-LES-BAINS')],
  },
  { num: '09', libelle: 'ACADEMIE DE LILLE', weight: 8, departements: [d('059', '59', 'LILLE', 'ROUBAIX', 'DUNKERQUE', 'VALENCIENNES', 'DOUAI'), d('062', '62', 'ARRAS', 'CALAIS', 'LENS', 'BOULOGNE-SUR-MER')] },
  { num: '10', libelle: 'ACADEMIE DE LYON', weight: 6, departements: [d('069', '69', 'LYON', 'VILLEURBANNE', 'VENISSIEUX'), d('001', '01', 'BOURG-EN-BRESSE', 'OYONNAX'), d('042', '42', 'SAINT-ETIENNE', 'ROANNE')] },
  {
    num: '11',
    libelle: 'ACADEMIE DE MONTPELLIER',
    weight: 4.5,
    departements: [d('034', '34', 'MONTPELLIER', 'BEZIERS', 'SETE'), d('030', '30', 'NIMES', 'ALES'), d('011', '11', 'CARCASSONNE', 'NARBONNE'), d('066', '66', 'PERPIGNAN'), d('048', '48', 'MENDE')],
  },
  {
    num: '12',
    libelle: 'ACADEMIE DE NANCY-METZ',
    weight: 4.5,
    departements: [d('054', '54', 'NANCY', 'LUNEVILLE'), d('057', '57', 'METZ', 'THIONVILLE', 'FORBACH'), d('055', '55', 'BAR-LE-DUC', 'VERDUN'), d('088', '88', 'EPINAL', 'SAINT-DIE-DES-VOSGES')],
  },
  { num: '13', libelle: 'ACADEMIE DE POITIERS', weight: 3, departements: [d('086', '86', 'POITIERS', 'CHATELLERAULT'), d('017', '17', 'LA ROCHELLE', 'ROCHEFORT'), d('016', '16', 'ANGOULEME'), d('079', '79', 'NIORT')] },
  {
    num: '14',
    libelle: 'ACADEMIE DE RENNES',
    weight: 5,
    departements: [d('035', '35', 'RENNES', 'SAINT-MALO'), d('029', '29', 'BREST', 'QUIMPER'), d('022', '22', 'SAINT-BRIEUC', 'LANNION'), d('056', '56', 'VANNES', 'LORIENT')],
  },
  { num: '15', libelle: 'ACADEMIE DE STRASBOURG', weight: 3.5, departements: [d('067', '67', 'STRASBOURG', 'HAGUENAU', 'SELESTAT'), d('068', '68', 'MULHOUSE', 'COLMAR')] },
  {
    num: '16',
    libelle: 'ACADEMIE DE TOULOUSE',
    weight: 5.5,
    departements: [d('031', '31', 'TOULOUSE', 'SAINT-GAUDENS'), d('081', '81', 'ALBI', 'CASTRES'), d('082', '82', 'MONTAUBAN'), d('065', '65', 'TARBES'), d('012', '12', 'RODEZ'), d('046', '46', 'CAHORS')],
  },
  {
    num: '17',
    libelle: 'ACADEMIE DE NANTES',
    weight: 5.5,
    departements: [d('044', '44', 'NANTES', 'SAINT-NAZAIRE'), d('049', '49', 'ANGERS', 'CHOLET'), d('072', '72', 'LE MANS'), d('085', '85', 'LA ROCHE-SUR-YON'), d('053', '53', 'LAVAL')],
  },
  {
    num: '18',
    libelle: 'ACADEMIE D\'ORLEANS-TOURS',
    weight: 4,
    departements: [d('045', '45', 'ORLEANS', 'MONTARGIS'), d('037', '37', 'TOURS'), d('018', '18', 'BOURGES'), d('041', '41', 'BLOIS'), d('028', '28', 'CHARTRES'), d('036', '36', 'CHATEAUROUX')],
  },
  { num: '19', libelle: 'ACADEMIE DE REIMS', weight: 2.5, departements: [d('051', '51', 'REIMS', 'CHALONS-EN-CHAMPAGNE'), d('010', '10', 'TROYES'), d('008', '08', 'CHARLEVILLE-MEZIERES'), d('052', '52', 'CHAUMONT')] },
  { num: '20', libelle: 'ACADEMIE D\'AMIENS', weight: 3, departements: [d('080', '80', 'AMIENS', 'ABBEVILLE'), d('060', '60', 'BEAUVAIS', 'COMPIEGNE', 'CREIL'), d('002', '02', 'SAINT-QUENTIN', 'LAON')] },
  { num: '21', libelle: 'ACADEMIE DE ROUEN', weight: 3, departements: [d('076', '76', 'ROUEN', 'LE HAVRE', 'DIEPPE'), d('027', '27', 'EVREUX', 'VERNON')] },
  { num: '22', libelle: 'ACADEMIE DE LIMOGES', weight: 1.2, departements: [d('087', '87', 'LIMOGES'), d('019', '19', 'BRIVE-LA-GAILLARDE', 'TULLE'), d('023', '23', 'GUERET')] },
  { num: '23', libelle: 'ACADEMIE DE NICE', weight: 3.5, departements: [d('006', '06', 'NICE', 'CANNES', 'ANTIBES'), d('083', '83', 'TOULON', 'DRAGUIGNAN', 'HYERES')] },
  {
    num: '24',
    libelle: 'ACADEMIE DE CRETEIL',
    weight: 8,
    departements: [d('093', '93', 'SAINT-DENIS', 'BOBIGNY', 'MONTREUIL'), d('094', '94', 'CRETEIL', 'VITRY-SUR-SEINE', 'IVRY-SUR-SEINE'), d('077', '77', 'MELUN', 'MEAUX', 'CHELLES')],
  },
  {
    num: '25',
    libelle: 'ACADEMIE DE VERSAILLES',
    weight: 10,
    departements: [d('078', '78', 'VERSAILLES', 'MANTES-LA-JOLIE'), d('091', '91', 'EVRY-COURCOURONNES', 'MASSY'), d('092', '92', 'NANTERRE', 'BOULOGNE-BILLANCOURT'), d('095', '95', 'CERGY', 'ARGENTEUIL')],
  },
  { num: '27', libelle: 'ACADEMIE DE CORSE', weight: 0.5, departements: [d('620', '20', 'AJACCIO'), d('720', '20', 'BASTIA')] },
  { num: '28', libelle: 'ACADEMIE DE LA REUNION', weight: 2.5, departements: [d('974', '974', 'SAINT-DENIS', 'SAINT-PIERRE', 'LE PORT')] },
  { num: '31', libelle: 'ACADEMIE DE LA MARTINIQUE', weight: 0.8, departements: [d('972', '972', 'FORT-DE-FRANCE', 'LE LAMENTIN')] },
  { num: '32', libelle: 'ACADEMIE DE LA GUADELOUPE', weight: 0.8, departements: [d('971', '971', 'POINTE-A-PITRE', 'BASSE-TERRE')] },
  { num: '33', libelle: 'ACADEMIE DE LA GUYANE', weight: 0.4, departements: [d('973', '973', 'CAYENNE', 'KOUROU')] },
  { num: '43', libelle: 'ACADEMIE DE MAYOTTE', weight: 0.3, departements: [d('976', '976', 'MAMOUDZOU')] },
];

export const FOREIGN_BIRTHPLACES: readonly string[] = [
  'HANOI (VIETNAM)', 'HO CHI MINH-VILLE (VIETNAM)', 'ALGER (ALGERIE)', 'CASABLANCA (MAROC)', 'TUNIS (TUNISIE)',
  'DAKAR (SENEGAL)', 'BAMAKO (MALI)', 'LISBONNE (PORTUGAL)', 'ISTANBUL (TURQUIE)', 'BRUXELLES (BELGIQUE)',
];

export type Family = 'tertiaire' | 'industriel' | 'btp' | 'sante' | 'services' | 'arts';

export interface SpecialiteEntry {
  readonly code: string;
  readonly libelle: string;
  readonly family: Family;
}

const s = (code: string, family: Family, libelle: string): SpecialiteEntry => ({ code, libelle, family });

/** 64 BTS spécialités (codes are plausible, unique). */
export const SPECIALITES: readonly SpecialiteEntry[] = [
  s('31310', 'tertiaire', 'Banque - conseiller de clientèle'),
  s('31408', 'tertiaire', 'Comptabilité et gestion'),
  s('31211', 'tertiaire', 'Management commercial opérationnel'),
  s('31212', 'tertiaire', 'Négociation et digitalisation de la relation client'),
  s('32410', 'tertiaire', 'Support à l\'action managériale'),
  s('31409', 'tertiaire', 'Gestion de la PME'),
  s('31213', 'tertiaire', 'Commerce international'),
  s('32009', 'tertiaire', 'Communication'),
  s('31311', 'tertiaire', 'Assurance'),
  s('31312', 'tertiaire', 'Professions immobilières'),
  s('31410', 'tertiaire', 'Notariat'),
  s('31110', 'tertiaire', 'Gestion des transports et logistique associée'),
  s('32616', 'tertiaire', 'Services informatiques aux organisations option A : solutions d\'infrastructure, systèmes et réseaux'),
  s('32617', 'tertiaire', 'Services informatiques aux organisations option B : solutions logicielles et applications métiers'),
  s('31214', 'tertiaire', 'Technico-commercial'),
  s('31015', 'tertiaire', 'Collaborateur juriste notarial'),
  s('20112', 'industriel', 'Systèmes numériques option A : Informatique et réseaux'),
  s('20113', 'industriel', 'Systèmes numériques option B : Electronique et communications'),
  s('25302', 'industriel', 'Aéronautique'),
  s('25510', 'industriel', 'Électrotechnique'),
  s('20013', 'industriel', 'Conception et réalisation de systèmes automatiques'),
  s('25008', 'industriel', 'Maintenance des systèmes option A : systèmes de production'),
  s('25009', 'industriel', 'Maintenance des systèmes option B : systèmes énergétiques et fluidiques'),
  s('25211', 'industriel', 'Maintenance des véhicules option A : voitures particulières'),
  s('25212', 'industriel', 'Maintenance des véhicules option B : véhicules de transport routier'),
  s('20015', 'industriel', 'Conception des produits industriels'),
  s('25016', 'industriel', 'Conception des processus de réalisation de produits'),
  s('22510', 'industriel', 'Métiers de la chimie'),
  s('22011', 'industriel', 'Pilotage de procédés'),
  s('25017', 'industriel', 'Contrôle industriel et régulation automatique'),
  s('25018', 'industriel', 'Fluides, énergies, domotique option A : génie climatique et fluidique'),
  s('25019', 'industriel', 'Fluides, énergies, domotique option C : domotique et bâtiments communicants'),
  s('25420', 'industriel', 'Techniques et services en matériels agricoles'),
  s('22512', 'industriel', 'Europlastics et composites'),
  s('23110', 'btp', 'Bâtiment'),
  s('23111', 'btp', 'Travaux publics'),
  s('23012', 'btp', 'Management économique de la construction'),
  s('23313', 'btp', 'Enveloppe des bâtiments : conception et réalisation'),
  s('23414', 'btp', 'Architectures en métal : conception et réalisation'),
  s('23015', 'btp', 'Études et réalisation d\'agencement'),
  s('23016', 'btp', 'Géomètre topographe et modélisation numérique'),
  s('22207', 'sante', 'Bioanalyses et contrôles'),
  s('22208', 'sante', 'Biotechnologies en recherche et en production'),
  s('33110', 'sante', 'Analyses de biologie médicale'),
  s('33111', 'sante', 'Diététique et nutrition'),
  s('33212', 'sante', 'Services et prestations des secteurs sanitaire et social'),
  s('33213', 'sante', 'Économie sociale familiale'),
  s('33114', 'sante', 'Opticien lunetier'),
  s('33115', 'sante', 'Prothésiste dentaire'),
  s('33116', 'sante', 'Métiers de l\'esthétique-cosmétique-parfumerie option A : management'),
  s('33117', 'sante', 'Métiers de la coiffure'),
  s('34310', 'services', 'Management en hôtellerie restauration'),
  s('33410', 'services', 'Tourisme'),
  s('34311', 'services', 'Métiers des services à l\'environnement'),
  s('34312', 'services', 'Gestion et maîtrise de l\'eau'),
  s('34413', 'services', 'Management opérationnel de la sécurité'),
  s('21014', 'services', 'Analyse, conduite et stratégie de l\'entreprise agricole'),
  s('21015', 'services', 'Gestion et protection de la nature'),
  s('32210', 'arts', 'Design graphique option A : communication et médias imprimés'),
  s('32211', 'arts', 'Métiers de l\'audiovisuel option montage et post-production'),
  s('32212', 'arts', 'Photographie'),
  s('32213', 'arts', 'Design d\'espace'),
  s('32214', 'arts', 'Études de réalisation d\'un projet de communication'),
  s('32215', 'arts', 'Métiers de la mode - vêtements'),
];

/** Pools of professional unit names per family. */
export const PRO_UNITS: Readonly<Record<Family, readonly string[]>> = {
  tertiaire: [
    'Gestion de la relation client', 'Étude de cas', 'Gestion de projet', 'Animation et dynamisation de l\'offre commerciale',
    'Développement de la relation client et vente conseil', 'Gestion opérationnelle', 'Communication professionnelle',
    'Mise en situation professionnelle', 'Analyse de situations professionnelles', 'Traitement et contrôle des opérations',
    'Optimisation des processus administratifs', 'Conduite de projet', 'Environnement économique et juridique',
  ],
  industriel: [
    'Étude d\'un système technique', 'Conception préliminaire', 'Réalisation et mise au point', 'Intervention sur système',
    'Projet industriel', 'Analyse et diagnostic', 'Organisation de la maintenance', 'Essais et mesures',
    'Pilotage de production', 'Rapport d\'activités en entreprise', 'Étude de la chaîne d\'énergie',
  ],
  btp: [
    'Étude technique', 'Conception d\'ouvrage', 'Préparation de chantier', 'Métré et économie de la construction',
    'Conduite de travaux', 'Projet de synthèse', 'Gestion de chantier', 'Relevés et implantation',
  ],
  sante: [
    'Biologie et biochimie appliquées', 'Techniques d\'analyse', 'Accompagnement et soins', 'Santé publique',
    'Projet en milieu professionnel', 'Méthodologie de l\'intervention', 'Hygiène, qualité et sécurité',
    'Conseil et relation avec le patient',
  ],
  services: [
    'Gestion de la relation client', 'Production de services', 'Élaboration d\'une prestation', 'Management de l\'équipe',
    'Conception et commercialisation', 'Gestion d\'un service', 'Communication professionnelle', 'Diagnostic et plan d\'action',
  ],
  arts: [
    'Pratique plastique', 'Projet de communication', 'Conception graphique', 'Réalisation technique', 'Culture artistique',
    'Projet professionnel', 'Étude de cas en atelier',
  ],
};

export const SUB_SUFFIXES: readonly (readonly string[])[] = [
  ['écrit', 'oral'],
  ['rapport', 'soutenance'],
  ['épreuve écrite', 'épreuve pratique'],
  ['partie A', 'partie B'],
  ['étude', 'réalisation', 'soutenance'],
];
