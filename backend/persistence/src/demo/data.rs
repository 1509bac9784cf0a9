//! What the demo data set is made of: the fourteen towns, names, organisations, focuses with
//! their metrics, and a standing agenda. The seeding steps beside this file turn it into rows.

use workit_domain::directory::Sector;
use workit_domain::forums::{FocusKind, Stage};
use workit_domain::meetings::AgendaKind;
use workit_domain::plans::Direction;
use workit_domain::plans::measures::{MetricSource, MetricUnit};

pub(super) struct TownSeed<'a> {
    pub(super) slug: &'a str,
    pub(super) name_he: &'a str,
    pub(super) name_en: &'a str,
    pub(super) name_ar: &'a str,
    pub(super) north: bool,
    pub(super) population: i64,
    pub(super) cluster: i32,
    pub(super) stage: Stage,
}

pub(super) const TOWNS: &[TownSeed<'static>] = &[
    TownSeed {
        slug: "kiryat-shmona",
        name_he: "קריית שמונה",
        name_en: "Kiryat Shmona",
        name_ar: "كريات شمونة",
        north: true,
        population: 22_900,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "maalot",
        name_he: "מעלות-תרשיחא",
        name_en: "Ma'alot-Tarshiha",
        name_ar: "معالوت ترشيحا",
        north: true,
        population: 21_600,
        cluster: 5,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "safed",
        name_he: "צפת",
        name_en: "Safed",
        name_ar: "صفد",
        north: true,
        population: 38_000,
        cluster: 3,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "beit-shean",
        name_he: "בית שאן",
        name_en: "Beit She'an",
        name_ar: "بيت شآن",
        north: true,
        population: 18_700,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "tiberias",
        name_he: "טבריה",
        name_en: "Tiberias",
        name_ar: "طبريا",
        north: true,
        population: 48_500,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "migdal-haemek",
        name_he: "מגדל העמק",
        name_en: "Migdal HaEmek",
        name_ar: "مجدال هعيمك",
        north: true,
        population: 27_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "hatzor",
        name_he: "חצור הגלילית",
        name_en: "Hatzor HaGlilit",
        name_ar: "حتسور هجليليت",
        north: true,
        population: 10_500,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "kiryat-gat",
        name_he: "קריית גת",
        name_en: "Kiryat Gat",
        name_ar: "كريات جات",
        north: false,
        population: 63_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "kiryat-malachi",
        name_he: "קריית מלאכי",
        name_en: "Kiryat Malachi",
        name_ar: "كريات ملاخي",
        north: false,
        population: 26_000,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "sderot",
        name_he: "שדרות",
        name_en: "Sderot",
        name_ar: "سديروت",
        north: false,
        population: 35_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "ofakim",
        name_he: "אופקים",
        name_en: "Ofakim",
        name_ar: "أوفاكيم",
        north: false,
        population: 36_000,
        cluster: 3,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "netivot",
        name_he: "נתיבות",
        name_en: "Netivot",
        name_ar: "نتيفوت",
        north: false,
        population: 48_000,
        cluster: 3,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "dimona",
        name_he: "דימונה",
        name_en: "Dimona",
        name_ar: "ديمونا",
        north: false,
        population: 35_600,
        cluster: 4,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "yeruham",
        name_he: "ירוחם",
        name_en: "Yeruham",
        name_ar: "يروحام",
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

/// A metric of a focus, with the value at the forum's start and the one it aims for.
pub(super) struct MetricSeed {
    pub name: &'static str,
    pub unit: MetricUnit,
    pub direction: Direction,
    pub source: MetricSource,
    pub baseline: f64,
    pub target: f64,
}

/// A focus of the basket with its theory of change, one goal and its metrics.
pub(super) struct FocusSeed {
    pub kind: FocusKind,
    pub title: &'static str,
    pub population: &'static str,
    pub problem: &'static [&'static str],
    pub activities: &'static [&'static str],
    pub outputs: &'static [&'static str],
    pub outcomes: &'static [&'static str],
    pub impact: &'static [&'static str],
    pub goal: &'static str,
    pub metrics: &'static [MetricSeed],
    /// Tasks of a year's plan: what, and the quarter of the year it is planned for (1–4).
    pub tasks: &'static [(&'static str, u8)],
}

const fn metric(
    name: &'static str,
    unit: MetricUnit,
    direction: Direction,
    source: MetricSource,
    baseline: f64,
    target: f64,
) -> MetricSeed {
    MetricSeed { name, unit, direction, source, baseline, target }
}

use Direction::{HigherIsBetter as Up, LowerIsBetter as Down};
use MetricSource::{EmploymentServiceBi as Bi, Municipality, Survey};

pub(super) const FOCUSES: &[FocusSeed] = &[
    FocusSeed {
        kind: FocusKind::Employers,
        title: "גיוון והרחבת מעסיקים",
        population: "מעסיקים קטנים ובינוניים ביישוב",
        problem: &["מעט מעסיקים גדולים ביישוב", "משרות רבות בשכר נמוך ובמשרה חלקית"],
        activities: &["מפגשי מעסיקים רבעוניים", "ליווי מעסיקים בגיוס עובדים מקומיים", "יריד תעסוקה שנתי"],
        outputs: &["40 מעסיקים משתתפים במפגשים", "120 משרות שפורסמו דרך הפורום"],
        outcomes: &["יותר משרות ביישוב", "עלייה בשכר הממוצע"],
        impact: &["כלכלה מקומית מגוונת וחזקה יותר"],
        goal: "הוספת 600 משרות ביישוב בתוך שלוש שנים",
        metrics: &[
            metric("מספר משרות ביישוב", MetricUnit::Count, Up, Bi, 6200.0, 6800.0),
            metric("שכר ממוצע", MetricUnit::ShekelsPerMonth, Up, Bi, 8900.0, 9800.0),
        ],
        tasks: &[
            ("מיפוי מעסיקים ומשרות פנויות", 1),
            ("מפגש מעסיקים רבעוני", 2),
            ("יריד תעסוקה שנתי", 3),
            ("סיכום שנתי עם איגוד העסקים", 4),
        ],
    },
    FocusSeed {
        kind: FocusKind::Population,
        title: "שילוב צעירים בתעסוקה",
        population: "צעירים בני 18–30",
        problem: &["אבטלה גבוהה בקרב צעירים", "מעט מסלולי הכוון לאחר שירות"],
        activities: &["מרכז הכוון לצעירים", "חונכות על ידי מעסיקים", "סדנאות כתיבת קורות חיים"],
        outputs: &["300 צעירים בתהליכי הכוון", "60 זוגות חונכות"],
        outcomes: &["ירידה באבטלת צעירים", "פחות דורשי עבודה"],
        impact: &["צעירים נשארים ביישוב ובונים בו את עתידם"],
        goal: "הורדת שיעור האבטלה בקרב צעירים ל-10%",
        metrics: &[
            metric("שיעור אבטלה בקרב צעירים", MetricUnit::Percent, Down, Bi, 14.0, 10.0),
            metric("מספר דורשי עבודה", MetricUnit::Count, Down, Bi, 900.0, 700.0),
        ],
        tasks: &[
            ("פתיחת מרכז הכוון לצעירים", 1),
            ("תוכנית חונכות עם מעסיקים", 2),
            ("סדנאות קורות חיים וראיונות", 3),
            ("הערכת התוכנית וסקר משתתפים", 4),
        ],
    },
    FocusSeed {
        kind: FocusKind::Skills,
        title: "הכשרות מקצועיות לפי צורכי מעסיקים",
        population: "דורשי עבודה ללא מקצוע מוכר",
        problem: &["פער בין ההכשרות הקיימות לצורכי המעסיקים"],
        activities: &["מיפוי צורכי הכשרה עם מעסיקים", "קורסים בהתאמה אישית"],
        outputs: &["4 קורסים בשנה", "80 בוגרים"],
        outcomes: &["בוגרים מועסקים במקצוע שלמדו"],
        impact: &["כוח אדם מקצועי ביישוב"],
        goal: "120 בוגרי הכשרות משתלבים בעבודה בכל שנה",
        metrics: &[metric("בוגרי הכשרות שהשתלבו בעבודה", MetricUnit::Count, Up, Municipality, 40.0, 120.0)],
        tasks: &[("מיפוי צורכי הכשרה", 1), ("פתיחת קורס מלגזנים", 2), ("פתיחת קורס טכנאי מיזוג", 3)],
    },
    FocusSeed {
        kind: FocusKind::Geographic,
        title: "נגישות תחבורתית לאזורי תעסוקה",
        population: "תושבי השכונות המרוחקות",
        problem: &["אין תחבורה ציבורית לאזור התעשייה במשמרות"],
        activities: &["הסעות משמרות משותפות למעסיקים", "קו אוטובוס לאזור התעשייה"],
        outputs: &["שני קווי הסעה פעילים"],
        outcomes: &["זמן נסיעה קצר יותר לעבודה"],
        impact: &["יותר תושבים עובדים קרוב לבית"],
        goal: "זמן נסיעה של עד 30 דקות לאזור התעשייה",
        metrics: &[metric("זמן נסיעה ממוצע לאזור התעשייה (דקות)", MetricUnit::Other, Down, Survey, 45.0, 30.0)],
        tasks: &[("סקר נסיעות עובדים", 1), ("פנייה למשרד התחבורה", 2), ("הפעלת הסעת משמרות ניסיונית", 4)],
    },
];

/// What each kind of body decides in a meeting, so a chair's list of open decisions reads like a
/// forum's work rather than one line repeated.
pub(super) const TASK_TEAM_DECISIONS: &[&str] = &[
    "לפנות לחמישה מעסיקים באזור התעשייה לקראת יריד התעסוקה",
    "להעביר ללשכת התעסוקה את רשימת משתתפי הסדנה לעדכון פרטים",
    "לתאם עם המכללה מועד לפתיחת מחזור הכשרה נוסף",
    "להכין מיפוי של המשרות הפנויות בענף הלוגיסטיקה",
    "לבדוק עם חברת ההסעות קו בוקר לאזור התעשייה",
    "לשבץ מנטורים למשתתפי התוכנית שטרם שובצו",
    "לרכז את נתוני ההשמה של הרבעון לקראת מפגש הפורום",
    "להזמין נציג מעסיקים להציג את צורכי הגיוס במפגש הבא",
];
pub(super) const STEERING_DECISIONS: &[&str] = &[
    "לאשר את סדר היום של מפגש הפורום הקרוב",
    "לקבוע מועד למפגש הפורום הרבעוני ולהפיץ הזמנות",
    "להעביר לצוותי המשימה את יעדי הרבעון הבא",
    "לזמן את מנהל/ת הלשכה להצגת נתוני דורשי העבודה",
    "לבחון צירוף נציג ארגון המעסיקים לפורום",
    "לעדכן את מפת בעלי העניין לפני המפגש הבא",
];
pub(super) const FORUM_DECISIONS: &[&str] = &[
    "לאמץ את המיקודים שהוצגו ולהעבירם לצוותי המשימה",
    "להקים צוות משימה לשילוב צעירים בתעסוקה",
    "להפיץ לחברי הפורום את סיכום הבקרה הרבעונית",
    "לקיים את יריד התעסוקה השנתי בשני מוקדים ביישוב",
    "לבקש מהלשכה פילוח של דורשי העבודה לפי גיל ומגדר",
    "לקיים סיור מעסיקים משותף באזור התעשייה",
];

pub(super) const AGENDA_TEMPLATE: &[(&str, AgendaKind, i32)] = &[
    ("פתיחה וסבב", AgendaKind::Discussion, 20),
    ("עדכונים מצוותי המשימה", AgendaKind::Update, 25),
    ("הצגת נתוני תעסוקה", AgendaKind::Presentation, 25),
    ("הפסקה", AgendaKind::Break, 20),
    ("דיון והחלטות", AgendaKind::Decision, 45),
    ("סיכום היו\"ר", AgendaKind::Discussion, 15),
];

/// A region: code, Hebrew, English and Arabic name, and its number of towns in the national set.
pub(super) type RegionSeed = (&'static str, &'static str, &'static str, &'static str, usize);

/// The demo's two regions, which the national data set fills up.
pub(super) const NORTH: RegionSeed = ("north", "צפון", "North", "الشمال", 72);
pub(super) const SOUTH: RegionSeed = ("south", "דרום", "South", "الجنوب", 43);

/// The national data set's regions beyond the demo's two, with how many towns each has, so that
/// with the demo's fourteen the country has 257 local authorities in roughly the real regions'
/// proportions.
pub(super) const NATIONAL_REGIONS: &[RegionSeed] = &[
    NORTH,
    ("haifa", "חיפה", "Haifa", "حيفا", 30),
    ("center", "מרכז", "Center", "المركز", 64),
    ("tel-aviv", "תל אביב", "Tel Aviv", "تل أبيب", 17),
    ("jerusalem", "ירושלים", "Jerusalem", "القدس", 16),
    SOUTH,
    ("judea-samaria", "יהודה ושומרון", "Judea and Samaria", "يهودا والسامرة", 15),
];

/// Invented town names: a first word and a second, in Hebrew, English and Arabic.
pub(super) const NAME_FIRST: &[(&str, &str, &str)] = &[
    ("גבעת", "Givat", "جفعات"),
    ("כפר", "Kfar", "كفار"),
    ("נווה", "Neve", "نافيه"),
    ("מעלה", "Ma'ale", "معاليه"),
    ("בית", "Beit", "بيت"),
    ("עין", "Ein", "عين"),
    ("רמת", "Ramat", "رمات"),
    ("קריית", "Kiryat", "كريات"),
    ("מצפה", "Mitzpe", "متسبيه"),
];

pub(super) const NAME_SECOND: &[(&str, &str, &str)] = &[
    ("האלון", "HaAlon", "هألون"),
    ("השקד", "HaShaked", "هشاكيد"),
    ("הזית", "HaZayit", "هزايت"),
    ("התמר", "HaTamar", "هتمار"),
    ("הגפן", "HaGefen", "هجيفن"),
    ("הרימון", "HaRimon", "هريمون"),
    ("האורן", "HaOren", "هأورن"),
    ("הברוש", "HaBrosh", "هبروش"),
    ("הדקל", "HaDekel", "هديكل"),
    ("התאנה", "HaTe'ena", "هتئينا"),
    ("השיטה", "HaShita", "هشيطا"),
    ("הערבה", "HaArava", "هعرافا"),
    ("הנחל", "HaNahal", "هناحال"),
    ("הגבעה", "HaGiv'a", "هجفعا"),
    ("העמק", "HaEmek", "هعيمك"),
    ("הכרמל", "HaKarmel", "هكرمل"),
    ("השרון", "HaSharon", "هشارون"),
    ("הגליל", "HaGalil", "هجليل"),
    ("הנגב", "HaNegev", "هنيجيف"),
    ("המעיין", "HaMa'ayan", "همعيان"),
    ("הצבר", "HaTzabar", "هتسبار"),
    ("הרקפת", "HaRakefet", "هركيفت"),
    ("הכלנית", "HaKalanit", "هكلانيت"),
    ("הנרקיס", "HaNarkis", "هنركيس"),
    ("החרוב", "HaHaruv", "هحاروف"),
    ("האשל", "HaEshel", "هأيشل"),
    ("הלוטם", "HaLotem", "هلوتيم"),
    ("הסחלב", "HaSahlav", "هسحلاف"),
    ("הדובדבן", "HaDuvdevan", "هدوفديفان"),
];
