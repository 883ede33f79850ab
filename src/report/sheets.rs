//! The sheets of each workbook, in order: one entry per sheet with its name, what it is for
//! (the `Innehåll` line) and its writer. A new sheet is one more entry here.

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

use super::view::View;
use super::{about, actions, areas, centre, indicators_sheet, data_sheet, equality, month_sheet, overview, quality_sheet, riket_sheet, style, Styles};
use crate::cell::EntityIx;
use crate::compute::DataRow;
use crate::plan::Plan;

/// What a sheet's writer gets.
pub struct Page<'a> {
    pub view: &'a View<'a>,
    pub st: &'a Styles,
    /// This sheet's name; an indicator area's sheet is named after the area.
    pub name: &'a str,
    /// Every sheet of the workbook, in order.
    pub sheets: &'a [Sheet],
    /// The health centre of a centre workbook.
    pub centre: Option<EntityIx>,
    /// The files of the run written before this workbook: the main workbook lists them.
    pub written: &'a [WrittenFile],
}

/// A file of the report set, by its path under the output folder, with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    pub path: String,
    pub sha256: String,
}

impl Page<'_> {
    pub fn centre(&self) -> EntityIx {
        self.centre.expect("a centre sheet is written for a centre")
    }
}

pub type Writer = fn(&mut Worksheet, &Page) -> Result<(), XlsxError>;

pub struct Sheet {
    pub name: String,
    pub about: String,
    pub write: Writer,
    /// A long table written row by row, each row flushed to a temporary file as the next one
    /// starts (the writer's low-memory mode) rather than kept in memory until the workbook is
    /// saved: `Data` and `Månadsdata` of the main workbook, hundreds of thousands of rows at
    /// national scale. Its writer must write rows in order, top to bottom.
    pub long: bool,
}

fn sheet(name: &str, about: &str, write: Writer) -> Sheet {
    Sheet { name: name.to_string(), about: about.to_string(), write, long: false }
}

/// `Indikatorer`, in both workbooks.
fn indicators() -> Sheet {
    sheet("Indikatorer", "Vad varje indikator mäter: täljare, nämnare, källa, mål, minsta antal och period", |ws, p| {
        indicators_sheet::write(ws, p.st, p.view)
    })
}

/// The main workbook: about, contents, the indicators' definitions, overview, one sheet per indicator area in the plan's
/// order (areas without indicators left out), equality, data quality, data, and last the
/// monthly data (on as many sheets as its `month_rows` need).
pub fn main_sheets(plan: &Plan, month_rows: usize) -> Vec<Sheet> {
    let mut sheets = vec![
        sheet("Om rapporten", "Period, plan, hur små tal skyddas, teckenförklaring, indata och rapportens filer med kontrollsummor", |ws, p| {
            about::write(ws, p.st, p.view, p.written)
        }),
        sheet("Innehåll", "Den här listan", |ws, p| overview::contents(ws, p.st, p.view, p.sheets)),
        indicators(),
        sheet("Översikt", "Alla enheter och indikatorer, Totalt, färg och symbol efter måluppfyllelse", |ws, p| {
            overview::overview(ws, p.st, p.view)
        }),
    ];
    for area in plan.areas.iter().filter(|a| plan.indicators.iter().any(|i| &i.area == *a)) {
        let about = format!("Indikatorerna inom {}: kön, n, konfidensintervall, mål, förra året, diagram", area.to_lowercase());
        sheets.push(Sheet { name: area.clone(), about, write: |ws, p| areas::write(ws, p.st, p.view, p.name), long: false });
    }
    sheets.extend([
        sheet("Jämställdhet", "Statistiskt säkra skillnader mellan kvinnor och män", |ws, p| equality::write(ws, p.st, p.view)),
        sheet("Åtgärder", "Alla hälsocentralers överenskomna åtgärder, försenade markerade, indikatorns värde då och nu", |ws, p| {
            actions::list(ws, p.st, p.view)
        }),
        sheet("Datakvalitet", "Lästa, använda och avvisade rader per fil, varje avvisad rad med skäl, anmärkningar", |ws, p| {
            quality_sheet::write(ws, p.st, p.view.quality, p.view.notes, &p.view.title)
        }),
        sheet("Riket", "Riksvärdena som de lästes in (tabell med filter); bara för arbete i Excel, inte för utskrift", |ws, p| {
            riket_sheet::write(ws, p.st, p.view)
        }),
        Sheet {
            long: true,
            ..sheet("Data", "Alla celler i lång form (tabell med filter) för vidare bearbetning; bara för arbete i Excel, inte för utskrift", |ws, p| {
                let all: Vec<&DataRow> = p.view.rows.iter().collect();
                data_sheet::write(ws, p.view.plan, &p.view.report.current, &all, "Data")?;
                style::print_setup(ws, &p.view.title, Some((0, 0)));
                Ok(())
            })
        },
    ]);
    for (i, name) in month_sheet::sheet_names(month_rows).into_iter().enumerate() {
        let about = if i == 0 {
            "Varje indikators värden månad för månad i år och i fjol (patientenkäten: per enkätår), i lång form; bara för \
             arbete i Excel, inte för utskrift"
                .to_string()
        } else {
            "Fortsättning av Månadsdata".to_string()
        };
        sheets.push(Sheet { name, about, write: month_part, long: true });
    }
    sheets
}

/// A `Månadsdata` sheet: its part of the table follows from its place among the sheets.
fn month_part(ws: &mut Worksheet, p: &Page) -> Result<(), XlsxError> {
    let part = month_sheet::sheet_names(p.view.month_rows.len()).iter().position(|n| n == p.name).unwrap_or(0);
    month_sheet::write(ws, p.view.plan, &p.view.report.current, p.view.month_rows, part)?;
    style::print_setup(ws, &p.view.title, Some((0, 0)));
    Ok(())
}

/// A health centre's workbook: its indicator sheet, its course over time, the dialogue's talking
/// points, the form for the actions agreed in the dialogue, and the `Data` rows of the centre
/// and `LÄNET`.
pub fn centre_sheets() -> Vec<Sheet> {
    vec![
        sheet("Indikatorblad", "Hälsocentralen mot sitt område och länet, per kön, med diagram per indikatorområde", |ws, p| {
            centre::indicator_sheet(ws, p.st, p.view, p.centre())
        }),
        sheet("Utveckling", "Hälsocentralens månader i år och i fjol bredvid länets, med diagram per indikatorområde", |ws, p| {
            centre::trend_sheet(ws, p.st, p.view, p.centre())
        }),
        sheet("Dialogunderlag", "Punkter för uppföljningsdialogen, byggda ur data", |ws, p| {
            centre::dialogue_sheet(ws, p.st, p.view, p.centre())
        }),
        sheet("Åtgärder", "Formulär för åtgärderna som överenskoms i dialogen, ifyllt med hälsocentralens aktuella åtgärder", |ws, p| {
            actions::form(ws, p.st, p.view, p.centre())
        }),
        indicators(),
        sheet("Data", "Hälsocentralens och länets celler i lång form; bara för arbete i Excel, inte för utskrift", |ws, p| centre::data_sheet(ws, p.view, p.centre())),
    ]
}

/// Builds a workbook of `sheets` in memory.
pub fn build(
    sheets: &[Sheet],
    view: &View,
    centre: Option<EntityIx>,
    written: &[WrittenFile],
    properties: &DocProperties,
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(properties);
    for s in sheets {
        let ws = if s.long { wb.add_worksheet_with_low_memory()? } else { wb.add_worksheet() };
        let ws = ws.set_name(&s.name)?;
        (s.write)(ws, &Page { view, st: &st, name: &s.name, sheets, centre, written })?;
        // A reader (or a screen reader) opening any sheet starts at its top, A1, even where the
        // panes are frozen under a header.
        ws.set_selection(0, 0, 0, 0)?;
    }
    wb.save_to_buffer()
}
