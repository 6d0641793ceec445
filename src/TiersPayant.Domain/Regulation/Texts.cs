namespace TiersPayant.Domain.Regulation;

/// <summary>
/// The texts the platform's regulated figures come from. Official texts are cited by their
/// Légifrance address (a code article in the version that held the figure, or the text as published
/// in the Journal officiel); where the official text could not be read, the secondary source the
/// figure was read in is cited with its date, or, when it shows none, the day it was read
/// (<see cref="Read"/>). The README's "Rules" section lists them.
/// </summary>
public static class Texts
{
    /// <summary>The day the secondary sources without a date of their own were read.</summary>
    public static readonly DateOnly Read = new(2026, 12, 6);

    // --- Responsible contracts -------------------------------------------------------------------

    /// <summary>The 2015 responsible-contract optics ceilings and floors, as the trade press quoted the decree of 18 November 2014 word for word.</summary>
    public static readonly Source ResponsibleContract2014 = new(
        "Acuité, « Remboursement optique : quelle prise en charge pour quel contrat ? », citant le décret n° 2014-1374 du 18 novembre 2014 (code de la sécurité sociale, article R. 871-2)",
        "planchers et plafonds par équipement : a) 50/470 €, b) 125/610 €, c) 200/750 €, d) 125/660 €, e) 200/800 €, f) 200/850 €",
        Read, "https://acuite.fr/actualite/ocam/65928/remboursement-optique-quelle-prise-en-charge-pour-quel-contrat", SourceKind.Secondary);

    /// <summary>The 2015 frame cap (€150), as the press compared it with the 2020 one.</summary>
    public static readonly Source FrameCap2015 = new(
        "France 3 Auvergne-Rhône-Alpes, « Reste à charge zéro : inquiétude des lunetiers de l'Ain »",
        "participation des complémentaires plafonnée à 100 euros pour une monture, contre 150 euros aujourd'hui",
        Read, "https://france3-regions.francetvinfo.fr/auvergne-rhone-alpes/ain/bourg-bresse/reste-charge-zero-inquiete-lunetiers-ain-1503037.html", SourceKind.Secondary);

    /// <summary>The transition of the 2015 rules: collective contracts older than the decree took them at the latest on 1 January 2018.</summary>
    public static readonly Source Transition2015 = new(
        "Legisocial, « Mutuelle collective et obligatoire : la période transitoire des contrats responsables »",
        "contrats collectifs dont l'acte fondateur est antérieur au 19 novembre 2014 : anciens critères jusqu'à leur prochaine modification, au plus tard le 31 décembre 2017",
        Read, "https://www.legisocial.fr/actualites-sociales/1771-mutuelle-collective-et-obligatoire-la-periode-transitoire-des-contrats-responsables.html", SourceKind.Secondary);

    /// <summary>Article R. 871-2 as written by the decree of 11 January 2019 ("100% Santé").</summary>
    public static readonly Source ResponsibleContract2019 = new(
        "Code de la sécurité sociale, article R. 871-2, rédaction issue du décret n° 2019-21 du 11 janvier 2019",
        "3° (optique : classe A sans reste à charge ; planchers et plafonds a) 50/420 €, b) 125/560 €, c) 200/700 €, d) 125/610 €, e) 200/750 €, f) 200/800 € ; monture au plus 100 €) et 4° (aides auditives : classe I sans reste à charge, autres au plus 1 700 € par aide)",
        new(2019, 1, 11), "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038035521");

    /// <summary>The decree of 11 January 2019, which dates the "100% Santé" contract rules by the contract's signature or renewal.</summary>
    public static readonly Source ResponsibleContractDecree2019 = new(
        "Décret n° 2019-21 du 11 janvier 2019 visant à garantir un accès sans reste à charge à certains équipements d'optique, aides auditives et soins prothétiques dentaires",
        "notice : contrats souscrits ou renouvelés à compter du 1er janvier 2020 (optique, dentaire) et du 1er janvier 2021 (aides auditives)",
        new(2019, 1, 11), "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037995163");

    /// <summary>The yearly renewal of complementary health contracts renewed by tacit agreement.</summary>
    public static readonly Source YearlyRenewal = new(
        "Code de la mutualité, article L. 221-10-1",
        "adhésions à tacite reconduction : la date limite de dénonciation est rappelée avec chaque avis d'échéance annuelle de cotisation",
        new(2020, 12, 1), "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006792328");

    // --- Optics ---------------------------------------------------------------------------------

    /// <summary>A mutual insurer's page on the classes of optical equipment and the €0.05 class B base.</summary>
    public static readonly Source OpticsClasses = new(
        "Mutuelle Complémentaire d'Alsace, « Le panachage » (100 % Santé, optique)",
        "classes A (100 % Santé) et B (tarifs libres) ; classe B : base de remboursement de 0,05 € pour les verres et la monture",
        Read, "https://www.mc-alsace.fr/cent-pour-cent-sante/optique/panachage", SourceKind.Secondary);

    /// <summary>A mutual insurer's guide giving the class A frame's base, statutory share and price limit.</summary>
    public static readonly Source ClassAFrame = new(
        "Mutualib, « Lunettes : quels remboursements ? »",
        "monture de classe A : base de remboursement 9 €, remboursement de la Sécurité sociale 60 % soit 5,40 €, sans reste à charge jusqu'à 30 €",
        Read, "https://mutualib.fr/guide/lunettes-quels-remboursements.php", SourceKind.Secondary);

    /// <summary>A broker's guide on optical statutory bases and the 60 % statutory rate.</summary>
    public static readonly Source OpticsRate = new(
        "Cherche une bonne mutuelle, « Base de remboursement optique : comprendre les subtilités du remboursement de vos lunettes »",
        "monture de classe B : base 0,05 € ; monture de classe A : base 9 € ; l'Assurance maladie prend en charge la base à hauteur de 60 %",
        Read, "https://cherche-une-bonne-mutuelle.fr/news-7977-base-de-remboursement-optique-comprendre-les-subtilites-du-remboursement-de-vos-lunettes-2", SourceKind.Secondary);

    /// <summary>A mutual insurer's answer on optical renewal periods since 2020.</summary>
    public static readonly Source OpticsRenewal2020 = new(
        "MGEFI, « Quel remboursement pour une paire de lunettes ? »",
        "un équipement tous les 2 ans à partir de 16 ans sauf évolution de la vue, tous les ans de 6 à 16 ans, tous les 6 mois jusqu'à 6 ans",
        Read, "https://mgefi.fr/faq/?question=quel-remboursement-pour-une-paire-de-lunettes", SourceKind.Secondary);

    /// <summary>The 2015 renewal rule, as a broker's guide states it.</summary>
    public static readonly Source OpticsRenewal2015 = new(
        "Cocoon, « Monture de lunettes : quel remboursement ? »",
        "contrat responsable depuis 2015 : un équipement tous les deux ans, sauf enfants de moins de 18 ans et évolution de la vue",
        Read, "https://www.cocoon.fr/mutuelle-optique/remboursement-monture-lunette", SourceKind.Secondary);

    /// <summary>The decree of 12 October 2016 on the validity of prescriptions for glasses.</summary>
    public static readonly Source GlassesPrescription2016 = new(
        "Décret n° 2016-1381 du 12 octobre 2016 relatif aux conditions de délivrance de verres correcteurs ou de lentilles de contact oculaire correctrices et aux règles d'exercice de la profession d'opticien-lunetier",
        "article 1 (code de la santé publique, article D. 4362-12-1 : ordonnance de verres de moins d'un an avant 16 ans, de cinq ans de 16 à 42 ans, de trois ans au-delà) ; article 3 (ordonnances établies à compter de son entrée en vigueur)",
        new(2016, 10, 12), "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000033243582");

    // --- Audiology ------------------------------------------------------------------------------

    /// <summary>The order of 14 November 2018 that rewrote the hearing-aid chapter of the product list (classes I and II, renewal).</summary>
    public static readonly Source HearingAidList2018 = new(
        "Arrêté du 14 novembre 2018 portant modification des modalités de prise en charge des aides auditives et prestations associées au titre II de la liste prévue à l'article L. 165-1 du code de la sécurité sociale",
        "article 1, LPP titre II, chapitre 3 : classes I et II (§ I.2) ; renouvellement au plus tôt quatre ans après la délivrance précédente, pour chaque oreille (§ V.2.1, cité par l'instruction DSS du 4 juin 2019)",
        new(2018, 11, 14), "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037615111");

    /// <summary>The order on hearing aids for the complementary health solidarity scheme: children until their twentieth birthday and blind patients apart.</summary>
    public static readonly Source HearingAidAgeBand = new(
        "Arrêté du 27 décembre 2018 relatif aux aides auditives des bénéficiaires de la protection complémentaire en matière de santé",
        "patients « jusqu'à leur vingtième anniversaire ainsi que les patients atteints de cécité »",
        new(2018, 12, 27), "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038017972");

    /// <summary>A statutory fund's page on hearing-aid bases since 2019 and the statutory rate.</summary>
    public static readonly Source HearingAidBases2019 = new(
        "CNMSS (Caisse nationale militaire de sécurité sociale), « Aide auditive »",
        "moins de 20 ans et personnes atteintes de cécité : base 1 400 € quel que soit l'appareil depuis le 1er janvier 2019 ; plus de 20 ans : base 300 € en 2019 ; remboursement à 60 %",
        Read, "https://www.cnmss.fr/assure/mes-remboursements/mes-prestations/aide-auditive-178.html", SourceKind.Secondary);

    /// <summary>A hearing-aid centre's page on the 2021 "100% Santé" figures.</summary>
    public static readonly Source HearingAids2021 = new(
        "Surdi 13, « 100 % santé » (citant l'arrêté du 14 novembre 2018)",
        "à partir du 1er janvier 2021 : classe I adultes 950 € par appareil, Sécurité sociale 60 % de la base soit 240 €, mutuelle 710 € ; jusqu'à la 20e année : prix limite et base de 1 400 €",
        Read, "https://surdi13.fr/100pour100sante", SourceKind.Secondary);

    /// <summary>A comparison site on the stepped "100% Santé" hearing-aid figures of 2019 to 2021, citing the draft order that set them.</summary>
    public static readonly Source HearingAids2019To2021 = new(
        "Dispofi, « Encadrement des tarifs optique, dentaire et audition » (citant l'avis de projet de fixation de tarifs et prix limites de vente au public des aides auditives, Légifrance)",
        "aides auditives de catégorie 1 : prix plafonné à 1 300 € par oreille en 2019, 1 100 € en 2020 et 950 € en 2021 ; base de remboursement 300 € par oreille en 2019, 350 € en 2020 et 400 € en 2021",
        Read, "https://mutuelle.dispofi.fr/encadrement-tarifs-optique-dentaire", SourceKind.Secondary);

    /// <summary>A health news site quoting France Assos Santé on the 2021 adult base.</summary>
    public static readonly Source HearingAidBase2021 = new(
        "Medisite, « Vous aurez droit à des appareils auditifs sans reste à charge dès ce 1er janvier 2021 » (citant France Assos Santé)",
        "à partir de janvier 2021 : plus de 20 ans, base de remboursement de la Sécurité sociale portée à 400 euros ; 1 400 euros pour les moins de 20 ans",
        Read, "https://medisite.fr/audition-vous-aurez-droit-a-des-appareils-auditifs-sans-reste-a-charge-des-ce-1er-janvier-2021.5598421.45.html", SourceKind.Secondary);

    // --- Dental ---------------------------------------------------------------------------------

    /// <summary>The 2018 dental convention's price limits per act (annex IV), as published.</summary>
    public static readonly Source DentalConvention2018 = new(
        "Convention nationale des chirurgiens-dentistes du 21 juin 2018 (approuvée par arrêté du 20 août 2018), annexe IV : honoraires limites de facturation",
        "HBLD634 (incisives, canines, 1res prémolaires) : 530 € au 1er avril 2019, 500 € à compter du 1er janvier 2020 ; HBLD491 (2es prémolaires) : 550 € à compter du 1er janvier 2020",
        new(2018, 6, 21), "https://vdocuments.pub/annexe-iv-honoraires-limites-de-facturation-des-rparation-dune-fracture-de.html", SourceKind.Secondary);

    /// <summary>The CCAM crown acts and their €120 base, as a 2024 order lists them.</summary>
    public static readonly Source DentalCrowns2024 = new(
        "Arrêté du 23 février 2024 (JORF n° 0046 du 24 février 2024), annexe 1 : montants des actes dentaires de la complémentaire santé solidaire",
        "HBLD634 et HBLD734, poses de couronnes dentoportées céramométalliques : base de remboursement 120 €",
        new(2024, 2, 23), "https://juriblio.fr/arretes/arrete-du-23-fevrier-2024/183408698/annexe", SourceKind.Secondary);

    /// <summary>The 70 % statutory rate on dental care before 15 October 2023, as reported when the decree widened the patient's share.</summary>
    public static readonly Source DentalRateBefore2023 = new(
        "UFC-Que Choisir, « Soins dentaires : baisse des remboursements dès octobre » (décret n° 2023-701 du 31 juillet 2023)",
        "honoraires des chirurgiens-dentistes pris en charge à 70 % avant la réforme",
        new(2023, 8, 1), "https://www.quechoisir.org/actualite-soins-dentaires-baisse-des-remboursements-des-octobre-n110062/", SourceKind.Secondary);

    /// <summary>The order of October 2023 that set the dental patient's share at 40 % (statutory 60 %) from 15 October 2023, as reported.</summary>
    public static readonly Source DentalRate2023 = new(
        "RDV Médecins, « Dentaire : augmentation du ticket modérateur et nouveaux remboursements »",
        "arrêté paru au Journal officiel : ticket modérateur de 40 % sur les honoraires des chirurgiens-dentistes à compter du 15 octobre 2023 (remboursement 60 % au lieu de 70 %)",
        new(2023, 10, 15), "https://rdv-medecins.com/dentaire-augmentations-de-tarifs-du-ticket-moderateur-et-nouveaux-remboursements", SourceKind.Secondary);

    // --- Pharmacy -------------------------------------------------------------------------------

    /// <summary>The public drug database: CIP13 codes, prices and reimbursement rates (extract of June 2022).</summary>
    public static readonly Source DrugDatabase = new(
        "Base de données publique des médicaments (ANSM, HAS, UNCAM), fichier CIS_CIP_bdpm.txt, extrait du 3 juin 2022",
        "présentations : code CIP13, taux de remboursement, prix honoraire de dispensation compris",
        new(2022, 6, 3), "https://base-donnees-publique.medicaments.gouv.fr/telechargement.php");

    /// <summary>The 3-month limit on a first delivery of prescription drugs.</summary>
    public static readonly Source DrugPrescription = new(
        "Code de la santé publique, article R. 5132-22",
        "première délivrance d'un médicament des listes I et II sur présentation d'une ordonnance datant de moins de trois mois",
        Read, "https://juriblio.fr/codes/code-de-la-sante-publique/partie-reglementaire/cinquieme-partie/livre-ier/titre-iii/chapitre-ii/section-1/sous-section-2/paragraphe-2", SourceKind.Secondary);
}
