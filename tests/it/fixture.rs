//! Small input worlds written into a temporary folder, and helpers to run the program on them.

use std::path::{Path, PathBuf};

use uppfoljning::input::{self, InputFiles, Inputs};
use uppfoljning::plan::{self, Plan};

pub struct World {
    pub dir: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
        World { dir: tempfile::tempdir().expect("temp dir") }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        self.write_bytes(name, text.as_bytes())
    }
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }
}

/// The repository root (for `indicators/`, `data-samples/` and `tests/data/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn conformance_dir() -> PathBuf {
    repo().join("tests/data/conformance")
}

pub const UNITS: &str = "\
hsa_id;namn;regi;område;sjukstuga;giltig_från;giltig_till
SE1000000001-A1;Alfa hälsocentral;Region;Norr;nej;;
SE1000000001-B1;Beta hälsocentral;Region;Norr;nej;;
SE1000000001-C1;Gamma hälsocentral;Privat;Syd;ja;;
SE1000000001-D1;Delta hälsocentral;Region;Syd;nej;;2026-02-15
";

/// A small plan with one indicator of each kind.
pub const PLAN: &str = r#"
year = 2026
areas = ["Tillgänglighet", "Kontinuitet", "Patientupplevd kvalitet"]

[[indicator]]
id = "FLOW"
name = "Bedömning inom 3 dagar"
area = "Tillgänglighet"
source = "access"
code = "bedömning_3d"
kind = "flow"
unit = "procent"
by_sex = true
# Low enough that no month of the small world is hidden (relation D is tested on its own).
min_n = 10
riket_comparable = true
target = { value = 90, partly = 80, direction = "higher" }

[[indicator]]
id = "TEL"
name = "Telefon samma dag"
area = "Tillgänglighet"
source = "access"
code = "telefon_samma_dag"
kind = "flow"
unit = "procent"
by_sex = false
min_n = 20

[[indicator]]
id = "STAT"
name = "Antibiotika vid luftvägsinfektion"
area = "Kontinuitet"
source = "pvk"
code = "X1"
kind = "status"
measured = "rolling_12m"
unit = "procent"
by_sex = true
min_n = 20
target = { value = 30, partly = 35, direction = "lower" }

[[indicator]]
id = "RATE"
name = "Infektioner per 1000"
area = "Kontinuitet"
source = "pvk"
code = "X2"
kind = "status"
measured = "month_end"
unit = "per 1000"
by_sex = true
min_n = 20

[[indicator]]
id = "SURV"
name = "Kontinuitet (NPE)"
area = "Patientupplevd kvalitet"
source = "npe"
code = "KONT"
kind = "survey"
unit = "procent"
by_sex = true
min_n = 3
target = { value = 70, partly = 65, direction = "higher" }

[[npe_dimension]]
id = "KONT"
name = "Kontinuitet och koordinering"
questions = [
  { id = "F13", text = "Samma läkare?", positive = [1], weight = 0.4 },
  { id = "F14", text = "Sjukdomshistoria?", positive = [1, 2], weight = 0.3 },
  { id = "F15", text = "Samordning?", positive = [1, 2], weight = 0.3 },
]
"#;

pub const ACCESS: &str = "\
hsa_id;mått;period;kön;inom;totalt
SE1000000001-A1;bedömning_3d;2026-01;K;10;12
SE1000000001-A1;bedömning_3d;2026-02;K;20;22
SE1000000001-A1;bedömning_3d;2026-03;Kvinnor;30;33
SE1000000001-A1;bedömning_3d;202604;K;40;43
SE1000000001-A1;bedömning_3d;2026-05;K;50;50
SE1000000001-A1;bedömning_3d;2026-01;M;25;30
SE1000000001-A1;bedömning_3d;2026-03-31;Man;27;30
SE1000000001-A1;bedömning_3d;2026-02;X;18;20
SE1000000001-A1;bedömning_3d;2025-01;K;80;100
SE1000000001-A1;telefon_samma_dag;2025-01;;8;10
SE1000000001-B1;bedömning_3d;2026-01;K;1 799;2 000
SE1000000001-B1;bedömning_3d;2026-02;M;1600;2000
SE1000000001-D1;bedömning_3d;2026-01;K;20;25
SE1000000001-D1;bedömning_3d;2026-02;K;10;15
SE1000000001-D1;bedömning_3d;2026-02;M;18;22
SE1000000001-D1;bedömning_3d;2026-03;K;5;5
SE1000000001-A1;telefon_samma_dag;2026-01;;90;100
SE1000000001-A1;telefon_samma_dag;2026-01;K;5;10
";

pub const PVK: &str = "\
hsa_id;indikator;period;kön;täljare;nämnare
SE1000000001-A1;X1;2026-03;K;5;50
SE1000000001-A1;X1;2026-04;K;12;60
SE1000000001-A1;X1;2026-04;M;20;60
SE1000000001-B1;X1;2026-03;K;10;40
SE1000000001-B1;X1;2026-04;M;24;60
SE1000000001-A1;X2;2026-04;K;10;1000
SE1000000001-A1;X2;2026-04;M;20;1000
";

/// F13–F15 answers; `7` is an invalid code, treated as not answered.
pub const NPE: &str = "\
enkätår;hsa_id;kön;F13;F14;F15
2025;SE1000000001-A1;K;1;1;1
2025;SE1000000001-A1;K;2;1;1
2025;SE1000000001-A1;K;5;2;
2025;SE1000000001-A1;K;5;5;5
2025;SE1000000001-A1;K;3;4;1
2025;SE1000000001-A1;K;7;1;1
2025;SE1000000001-A1;M;1;2;2
2025;SE1000000001-A1;M;4;4;4
2025;SE1000000001-A1;M;1;3;
2025;SE1000000001-A1;;;1;1
2023;SE1000000001-A1;K;1;1;1
2023;SE1000000001-A1;K;1;1;1
2023;SE1000000001-A1;K;1;1;1
";

/// The small world above, written to disk.
pub fn small_world() -> (World, InputFiles, Plan) {
    let w = World::new();
    let files = InputFiles {
        units: w.write("units.csv", UNITS),
        npe: vec![w.write("npe.csv", NPE)],
        pvk: vec![w.write("pvk.csv", PVK)],
        access: vec![w.write("access.csv", ACCESS)],
        actions: vec![],
        urval: vec![],
        riket: vec![],
    };
    let plan = plan::parse(PLAN, "test.toml").expect("test plan");
    (w, files, plan)
}

pub fn load(files: &InputFiles, plan: &Plan) -> Inputs {
    input::load(files, plan).expect("inputs load")
}

pub fn bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("uppfoljning").expect("binary");
    c.current_dir(repo());
    c
}

/// `run --year 2026 --report <report>` on the small world above, written into `w`, into `out`;
/// the caller may add arguments before running it.
pub fn small_run(w: &World, report: &str, out: &Path) -> assert_cmd::Command {
    small_run_register(w, report, out, UNITS)
}

/// As [`small_run`], with another unit register.
pub fn small_run_register(w: &World, report: &str, out: &Path, units: &str) -> assert_cmd::Command {
    let p = |n: &str, t: &str| w.write(n, t);
    let mut cmd = bin();
    cmd.args(["run", "--year", "2026", "--report", report, "--quiet", "--plan"])
        .arg(p("plan.toml", PLAN))
        .arg("--units")
        .arg(p("units.csv", units))
        .arg("--npe")
        .arg(p("npe.csv", NPE))
        .arg("--pvk")
        .arg(p("pvk.csv", PVK))
        .arg("--out")
        .arg(out);
    cmd
}

/// Arguments naming every file of the conformance set.
pub fn conformance_args() -> Vec<String> {
    let d = conformance_dir().join("data");
    let f = |n: &str| d.join(n).display().to_string();
    let mut a = vec!["--units".to_string(), f("units.xlsx")];
    for n in ["npe_2023.xlsx", "npe_2025.xlsx"] {
        a.extend(["--npe".to_string(), f(n)]);
    }
    for n in ["pvk_2025.csv", "pvk_2026.csv"] {
        a.extend(["--pvk".to_string(), f(n)]);
    }
    for n in ["access_2025.xlsx", "access_2026.csv"] {
        a.extend(["--access".to_string(), f(n)]);
    }
    a
}

/// Every sheet's cells as text (numbers by their shortest decimal), for comparisons.
pub fn read_sheet(path: &Path, sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("open workbook");
    let range = wb.worksheet_range(sheet).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("open workbook");
    wb.sheet_names()
}
