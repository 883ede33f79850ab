//! The `uppfoljning` command: clap parsing, progress, and errors mapped to exit codes
//! (0 written, 1 failed, 2 wrong usage). Everything else lives in the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use uppfoljning::options::{self, InputOptions, RunRequest};
use uppfoljning::report::Exports;
use uppfoljning::run::{self, ReportKind};

#[derive(Parser)]
#[command(
    name = "uppfoljning",
    version,
    about = "Uppföljning av Hälsoval primärvård: beräknar uppföljningsplanens indikatorer per hälsocentral och kön och skriver rapporterna i Excel.",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    help_template = "{about}\n\nAnvändning: {usage}\n\nKommandon:\n{subcommands}\n\nAlternativ:\n{options}\n",
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO"
)]
struct Cli {
    #[arg(short = 'h', long = "help", action = ArgAction::Help, help = "Visa hjälpen", global = true)]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Visa programversionen")]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

const SUB_TEMPLATE: &str = "{about}\n\nAnvändning: {usage}\n\nAlternativ:\n{options}\n";

#[derive(Subcommand)]
enum Command {
    /// Beräknar en rapport och skriver arbetsböckerna
    #[command(help_template = SUB_TEMPLATE, override_usage = "uppfoljning run --year <ÅR> --report <delar1|delar2|ar> [ALTERNATIV]")]
    Run(RunArgs),
    /// Läser och kontrollerar indata mot planen och skriver en sammanfattning (skriver inga filer)
    #[command(help_template = SUB_TEMPLATE, override_usage = "uppfoljning validate [--year <ÅR>] [ALTERNATIV]")]
    Validate(ValidateArgs),
    /// Visar uppföljningsplanens indikatorer som en tabell
    #[command(help_template = SUB_TEMPLATE, override_usage = "uppfoljning plan [--year <ÅR>] [--plan <FIL>]")]
    Plan(PlanArgs),
    /// Skapar syntetiska indata (exempeldata eller nationell skala för prestandamätning)
    #[command(help_template = SUB_TEMPLATE, override_usage = "uppfoljning generera --out <MAPP> [--scale region|nationell] [--seed <TAL>] [--plan <FIL>]")]
    Generera(GenerateArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum ScaleArg {
    Region,
    Nationell,
}

#[derive(Args)]
struct GenerateArgs {
    /// Mapp att skriva filerna i
    #[arg(long, value_name = "MAPP")]
    out: PathBuf,
    /// Skala: region (cirka 38 hälsocentraler, som data-samples/) eller nationell (cirka 1 100 enheter, 400 000 svarande)
    #[arg(long, value_enum, default_value = "region", value_name = "SKALA", hide_possible_values = true, hide_default_value = true)]
    scale: ScaleArg,
    /// Slumpfrö; samma frö ger samma filer (standard: 20260101)
    #[arg(long, default_value_t = 20260101, value_name = "TAL", hide_default_value = true)]
    seed: u64,
    /// Uppföljningsplan vars koder skrivs (standard: den senaste planen i indicators/)
    #[arg(long, value_name = "FIL")]
    plan: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ExportArg {
    Csv,
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportArg {
    Delar1,
    Delar2,
    Ar,
}

#[derive(Args)]
struct InputArgs {
    /// Enhetsregistret (krävs när någon annan indatafil anges)
    #[arg(long, value_name = "FIL")]
    units: Option<PathBuf>,
    /// Fil med Nationell patientenkät (kan anges flera gånger)
    #[arg(long, value_name = "FIL")]
    npe: Vec<PathBuf>,
    /// Fil med Primärvårdskvalitet (kan anges flera gånger)
    #[arg(long, value_name = "FIL")]
    pvk: Vec<PathBuf>,
    /// Fil med tillgänglighetsdata (kan anges flera gånger)
    #[arg(long, value_name = "FIL")]
    access: Vec<PathBuf>,
    /// Fil med överenskomna åtgärder, t.ex. ifyllda hälsocentralsarbetsböcker (kan anges flera gånger; senare filer gäller före tidigare)
    #[arg(long = "atgarder", value_name = "FIL")]
    atgarder: Vec<PathBuf>,
    /// Fil med patientenkätens urval per enhet och enkätår, för svarsfrekvensen (kan anges flera gånger)
    #[arg(long, value_name = "FIL")]
    urval: Vec<PathBuf>,
    /// Fil med riksvärden från de nationella portalerna, för jämförelse med länet (kan anges flera gånger)
    #[arg(long, value_name = "FIL")]
    riket: Vec<PathBuf>,
    /// Uppföljningsplan att använda i stället för indicators/<år>.toml
    #[arg(long, value_name = "FIL")]
    plan: Option<PathBuf>,
}

impl InputArgs {
    fn options(&self) -> InputOptions {
        InputOptions {
            units: self.units.clone(),
            npe: self.npe.clone(),
            pvk: self.pvk.clone(),
            access: self.access.clone(),
            actions: self.atgarder.clone(),
            urval: self.urval.clone(),
            riket: self.riket.clone(),
        }
    }
}

#[derive(Args)]
struct RunArgs {
    /// Rapportåret
    #[arg(long, value_name = "ÅR")]
    year: i32,
    /// Vilken rapport: delar1 (januari–april), delar2 (januari–augusti) eller ar (hela året)
    #[arg(long, value_enum, value_name = "RAPPORT", hide_possible_values = true)]
    report: ReportArg,
    #[command(flatten)]
    inputs: InputArgs,
    /// Mapp att skriva rapporterna i (standard: reports/<år>/<rapport>/)
    #[arg(long, value_name = "MAPP")]
    out: Option<PathBuf>,
    /// Skriv också tabellerna Data och Månadsdata som filer bredvid huvudrapporten: csv, parquet eller csv,parquet
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT", hide_possible_values = true)]
    export: Vec<ExportArg>,
    /// Visa inga förloppsmeddelanden
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct ValidateArgs {
    /// Planens år (standard: den senaste planen i indicators/)
    #[arg(long, value_name = "ÅR")]
    year: Option<i32>,
    #[command(flatten)]
    inputs: InputArgs,
}

#[derive(Args)]
struct PlanArgs {
    /// Planens år (standard: den senaste planen i indicators/)
    #[arg(long, value_name = "ÅR")]
    year: Option<i32>,
    /// Planfil att visa i stället för indicators/<år>.toml
    #[arg(long, value_name = "FIL")]
    plan: Option<PathBuf>,
}

/// Exit code and message: wrong usage is 2, every other failure 1.
fn failure(e: run::RunError) -> (u8, String) {
    let code = match e {
        run::RunError::Options(options::OptionsError::UnitsRequired) => 2,
        _ => 1,
    };
    (code, e.to_string())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("").trim_start_matches("error: ");
            eprintln!("fel: felaktig användning – {first}\nSe `uppfoljning --help`.");
            return ExitCode::from(2);
        }
    };
    let project = options::project_dir();
    let result = match cli.command {
        Command::Plan(a) => options::resolve_plan(&project, a.year, a.plan.as_deref())
            .map(|p| print!("{}", p.table()))
            .map_err(|e| (1, e.to_string())),
        Command::Generera(a) => {
            let scale = match a.scale {
                ScaleArg::Region => generera::Scale::Region,
                ScaleArg::Nationell => generera::Scale::National,
            };
            // The codes come from a plan: the one given, else the newest in indicators/.
            let plan = match a.plan.clone() {
                Some(p) => Ok(p),
                None => uppfoljning::plan::locate(&project.join("indicators"), None).map(|(_, p)| p),
            };
            plan.map_err(|e| (1, e.to_string()))
                .and_then(|plan| generera::generate(&a.out, &plan, scale, a.seed).map_err(|e| (1, e.to_string())))
                .map(|files| {
                    for f in files {
                        println!("skrev {}", f.display());
                    }
                })
        }
        Command::Validate(a) => run::validate(&project, a.year, a.inputs.plan.as_deref(), &a.inputs.options())
            .map(|text| print!("{text}"))
            .map_err(failure),
        Command::Run(a) => {
            let progress = !a.quiet && std::io::stderr().is_terminal();
            let report = match a.report {
                ReportArg::Delar1 => ReportKind::Delar1,
                ReportArg::Delar2 => ReportKind::Delar2,
                ReportArg::Ar => ReportKind::Ar,
            };
            let request = RunRequest {
                year: a.year,
                report,
                plan: a.inputs.plan.clone(),
                inputs: a.inputs.options(),
                out: a.out.clone(),
                exports: Exports { csv: a.export.contains(&ExportArg::Csv), parquet: a.export.contains(&ExportArg::Parquet) },
            };
            let mut say = |msg: &str| {
                if progress {
                    eprintln!("{msg}");
                }
            };
            run::run(&project, &request, &mut say)
                .map(|written| {
                    if !a.quiet {
                        println!("Rapporten är skriven: {}", written.main.display());
                    }
                })
                .map_err(failure)
        }
    };
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("fel: {msg}");
            ExitCode::from(code)
        }
    }
}
