//! What the demo data set is made of: the fourteen towns, names, organisations, focuses with
//! their metrics, and a standing agenda. The seeding steps beside this file turn it into rows.

use workit_domain::directory::Sector;
use workit_domain::forums::{FocusKind, Stage};
use workit_domain::meetings::AgendaKind;

pub(super) struct TownSeed {
    pub(super) slug: &'static str,
    pub(super) name_he: &'static str,
    pub(super) name_en: &'static str,
    pub(super) north: bool,
    pub(super) population: i64,
    pub(super) cluster: i32,
    pub(super) stage: Stage,
}

pub(super) const TOWNS: &[TownSeed] = &[
    TownSeed {
        slug: "kiryat-shmona",
        name_he: "קריית שמונה",
        name_en: "Kiryat Shmona",
        north: true,
        population: 22_900,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "maalot",
        name_he: "מעלות-תרשיחא",
        name_en: "Ma'alot-Tarshiha",
        north: true,
        population: 21_600,
        cluster: 5,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "safed",
        name_he: "צפת",
        name_en: "Safed",
        north: true,
        population: 38_000,
        cluster: 3,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "beit-shean",
        name_he: "בית שאן",
        name_en: "Beit She'an",
        north: true,
        population: 18_700,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "tiberias",
        name_he: "טבריה",
        name_en: "Tiberias",
        north: true,
        population: 48_500,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "migdal-haemek",
        name_he: "מגדל העמק",
        name_en: "Migdal HaEmek",
        north: true,
        population: 27_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "hatzor",
        name_he: "חצור הגלילית",
        name_en: "Hatzor HaGlilit",
        north: true,
        population: 10_500,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "kiryat-gat",
        name_he: "קריית גת",
        name_en: "Kiryat Gat",
        north: false,
        population: 63_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "kiryat-malachi",
        name_he: "קריית מלאכי",
        name_en: "Kiryat Malachi",
        north: false,
        population: 26_000,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "sderot",
        name_he: "שדרות",
        name_en: "Sderot",
        north: false,
        population: 35_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "ofakim",
        name_he: "אופקים",
        name_en: "Ofakim",
        north: false,
        population: 36_000,
        cluster: 3,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "netivot",
        name_he: "נתיבות",
        name_en: "Netivot",
        north: false,
        population: 48_000,
        cluster: 3,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "dimona",
        name_he: "דימונה",
        name_en: "Dimona",
        north: false,
        population: 35_600,
        cluster: 4,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "yeruham",
        name_he: "ירוחם",
        name_en: "Yeruham",
        north: false,
        population: 11_500,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
];

/// The towns whose chair, employment lead, referent and member have demo logins.
pub(super) const TOWNS_WITH_LOGINS: &[&str] = &["kiryat-shmona", "kiryat-gat"];

pub(super) const FIRST_NAMES: &[&str] = &[
    "נועה",
    "יוסי",
    "מיכל",
    "אבי",
    "רונית",
    "דוד",
    "שירה",
    "משה",
    "אורית",
    "עומר",
    "תמר",
    "יעקב",
    "ליאת",
    "איתי",
    "חנה",
    "רועי",
    "סיגל",
    "אלון",
    "מרים",
    "עידו",
    "נגה",
    "שמעון",
    "הדס",
    "אליהו",
    "ענבל",
    "גיל",
    "רחל",
    "בני",
];
pub(super) const LAST_NAMES: &[&str] = &[
    "כהן",
    "לוי",
    "מזרחי",
    "פרץ",
    "ביטון",
    "אברהם",
    "פרידמן",
    "אזולאי",
    "דהן",
    "חדד",
    "גבאי",
    "עמר",
    "שטרן",
    "אוחיון",
    "בן דוד",
    "סויסה",
    "מלכה",
    "יוסף",
    "אלמוג",
    "קדוש",
    "ששון",
    "חזן",
];

/// Organisations of a town, by sector, as "name template" (`{}` is the town's Hebrew name).
pub(super) const ORGANISATIONS: &[(Sector, &str)] = &[
    (Sector::Government, "לשכת התעסוקה {}"),
    (Sector::Government, "מחוז משרד הרווחה"),
    (Sector::LocalGovernment, "עיריית {}"),
    (Sector::LocalGovernment, "המחלקה לפיתוח כלכלי, {}"),
    (Sector::LocalGovernment, "מרכז הצעירים {}"),
    (Sector::ThirdSector, "עמותת תבפוזיציה אזורית"),
    (Sector::ThirdSector, "מרכז הכוון תעסוקתי"),
    (Sector::Business, "מפעל התעשייה האזורי"),
    (Sector::Business, "איגוד העסקים {}"),
    (Sector::Business, "רשת מרכולים אזורית"),
    (Sector::Philanthropy, "קרן רש\"י"),
    (Sector::Philanthropy, "קרן משפחתית לקידום הפריפריה"),
    (Sector::CivilSociety, "ועד השכונות {}"),
    (Sector::CivilSociety, "פורום נשים עסקיות {}"),
    (Sector::Academia, "המכללה האזורית"),
];

/// A metric of a focus: name, unit, baseline, target.
pub(super) type MetricSeed = (&'static str, &'static str, f64, f64);

pub(super) const FOCUSES: &[(FocusKind, &str, &[MetricSeed])] = &[
    (
        FocusKind::Employers,
        "גיוון והרחבת מעסיקים",
        &[("מספר משרות ביישוב", "משרות", 6200.0, 6800.0), ("שכר ממוצע", "₪", 8900.0, 9800.0)],
    ),
    (
        FocusKind::Population,
        "שילוב צעירים בתעסוקה",
        &[("שיעור אבטלה בקרב צעירים", "%", 14.0, 10.0), ("מספר דורשי עבודה", "אנשים", 900.0, 700.0)],
    ),
    (FocusKind::Skills, "הכשרות מקצועיות לפי צורכי מעסיקים", &[("בוגרי הכשרות שהשתלבו בעבודה", "אנשים", 40.0, 120.0)]),
    (FocusKind::Geographic, "נגישות תחבורתית לאזורי תעסוקה", &[("זמן נסיעה ממוצע לאזור התעשייה", "דקות", 45.0, 30.0)]),
];

pub(super) const AGENDA_TEMPLATE: &[(&str, AgendaKind, i32)] = &[
    ("פתיחה וסבב", AgendaKind::Discussion, 20),
    ("עדכונים מצוותי המשימה", AgendaKind::Update, 25),
    ("הצגת נתוני תעסוקה", AgendaKind::Presentation, 25),
    ("הפסקה", AgendaKind::Break, 20),
    ("דיון והחלטות", AgendaKind::Decision, 45),
    ("סיכום היו\"ר", AgendaKind::Discussion, 15),
];
